using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ledger;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Lake;

/// <summary>
/// One bar file being written: pages go straight into a Parquet writer on a hidden temp name beside
/// the final path. <see cref="CommitAsync"/> finishes, flushes to disk, renames and fsyncs the
/// folder; Dispose without commit deletes the temp file. Memory: one page of column buffers.
/// </summary>
internal sealed class BarPartFile : IDisposable
{
    // Rows staged per WriteAsync: the batch never grows past this, so a 50,000-bar page costs ~0.6 MB of staging, not ~4 MB.
    private const int StageRows = 8192;

    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    // 65,536 rows per row group: readers parallelise well and the writer buffers only ~4 MB per task.
    // 8,192-row pages keep each column writer's per-file scratch arrays under the 85 KB large-object
    // threshold, so they die young instead of piling up on the LOH until a full GC. A 64 KB dictionary
    // holds every distinct price of a chunk; vwaps that outgrow it go PLAIN (same file size on simulator
    // data) instead of growing a ~1.5 MB dictionary per column per open file (volumes never use one).
    private static readonly ParquetWriterOptions WriterOptions = new() { RowGroupRows = 65_536, PageRows = 8192, DictionaryPageLimitBytes = 64 * 1024 };
    private readonly byte[] _tickerUtf8;
    private readonly LakePartWriter _part;
    private readonly ColumnBatch _batch;
    private long _dayStart = long.MaxValue;
    private long _dayEnd = long.MinValue;
    private int _dayNumber;

    private readonly long _windowStartMs;
    private readonly long _windowEndMs;

    private BarPartFile(string outdir, string relativePath, TaskKey key, ColumnBatch batch, ParquetWriteBuffers? buffers)
    {
        var ticker = key.Ticker;
        _windowStartMs = NewYorkTime.StartOfDayUnixMilliseconds(key.WindowStart);
        _windowEndMs = NewYorkTime.StartOfDayUnixMilliseconds(key.WindowEnd.PlusDays(1));
        _tickerUtf8 = System.Text.Encoding.UTF8.GetBytes(ticker);
        _batch = batch;

        // A worker's batch may still hold the tail of a file it abandoned.
        _batch.Clear();
        _part = new LakePartWriter(outdir, relativePath, BarSchema.Schema, WriterOptions, buffers);
    }

    /// <summary>Bars appended so far.</summary>
    public long Rows { get; private set; }

    /// <summary>First bar start (ms), if any.</summary>
    public long? FirstT { get; private set; }

    /// <summary>Last bar start (ms), if any.</summary>
    public long? LastT { get; private set; }

    /// <summary>Opens a temp file for the task's <paramref name="relativePath"/> under <paramref name="outdir"/>.</summary>
    /// <param name="outdir">Root of the lake.</param>
    /// <param name="relativePath">Final path of the file under the outdir.</param>
    /// <param name="key">The task, whose window bounds the bars kept.</param>
    /// <param name="batch">Column buffers to stage pages in; a worker reuses its own between tasks.</param>
    /// <param name="buffers">The worker's Parquet encoders, reused file after file.</param>
    public static BarPartFile Create(string outdir, string relativePath, TaskKey key, ColumnBatch? batch = null, ParquetWriteBuffers? buffers = null) =>
        new(outdir, relativePath, key, batch ?? new ColumnBatch(BarSchema.Schema, 4096), buffers);

    /// <summary>Bars the vendor sent outside the task's New York window, dropped so windows never share a bar.</summary>
    public long OutOfWindow { get; private set; }

    /// <summary>Writes one page (bars strictly after the last one written; repeats are dropped).</summary>
    public async ValueTask AppendAsync(BarPage page, CancellationToken cancellationToken)
    {
        // Staged in slices so the column batch stays small whatever the page size (memory per worker). A batch goes to the
        // writer only when full: a short tail waits for the next page, so every write is a whole Parquet page the column
        // writers encode straight from the batch (a tail written on its own would shift every later page off the boundary).
        var next = 0;
        while (next < page.Count)
        {
            var room = StageRows - _batch.RowCount;
            Rows += StageInOrder(page, next, room, out next) ?? Stage(page, next, room, out next);
            if (_batch.RowCount == StageRows)
            {
                await _part.WriteAsync(_batch, cancellationToken);
                _batch.Clear();
            }
        }
    }

    /// <summary>Finishes the file, makes it durable and publishes it under its final name.</summary>
    public async Task<CommittedFile> CommitAsync(CancellationToken cancellationToken)
    {
        var file = await SealAsync(cancellationToken);
        _part.Publish();
        return file;
    }

    /// <summary>Finishes the file and makes it durable, still under its hidden temp name (see <see cref="Publish"/>).</summary>
    public async Task<CommittedFile> SealAsync(CancellationToken cancellationToken)
    {
        if (Rows == 0)
        {
            throw new InvalidOperationException("An empty window is recorded as empty, not written.");
        }

        if (_batch.RowCount > 0)
        {
            await _part.WriteAsync(_batch, cancellationToken);
            _batch.Clear();
        }

        return await _part.SealAsync(Rows, FirstT!.Value, LastT!.Value, cancellationToken);
    }

    /// <summary>Publishes a sealed file under its final name.</summary>
    public void Publish() => _part.Publish();

    /// <summary>The hidden temp file being written (absolute).</summary>
    public string TempPath => _part.TempPath;

    /// <inheritdoc />
    public void Dispose() => _part.Dispose();

    // The usual slice: bars strictly ascending, all after the last one written and inside the window, so every bar is
    // kept and each column goes over in one copy. Null (nothing staged) when the slice needs the per-bar filter.
    private int? StageInOrder(BarPage page, int from, int room, out int next)
    {
        next = from;
        var count = Math.Min(room, page.Count - from);
        var time = page.Time.Slice(from, count);
        if (time[0] <= (LastT ?? long.MinValue) || time[0] < _windowStartMs || time[^1] >= _windowEndMs || !AscendingTimes.Strictly(time))
        {
            return null;
        }

        _batch.StringColumn(BarSchema.Ticker).AppendRepeated(_tickerUtf8, count);
        _batch.Int64Column(BarSchema.T).Append(time);
        StageSessionDays(time);
        _batch.DoubleColumn(BarSchema.O).Append(page.Open.Slice(from, count));
        _batch.DoubleColumn(BarSchema.H).Append(page.High.Slice(from, count));
        _batch.DoubleColumn(BarSchema.L).Append(page.Low.Slice(from, count));
        _batch.DoubleColumn(BarSchema.C).Append(page.Close.Slice(from, count));
        _batch.DoubleColumn(BarSchema.V).Append(page.Volume.Slice(from, count));
        _batch.DoubleColumn(BarSchema.Vw).Append(page.Vwap.Slice(from, count), page.HasVwap.Slice(from, count));
        _batch.Int64Column(BarSchema.N).Append(page.Transactions.Slice(from, count), page.HasTransactions.Slice(from, count));
        _batch.BooleanColumn(BarSchema.Otc).Append(page.Otc.Slice(from, count));
        FirstT ??= time[0];
        LastT = time[^1];
        next = from + count;
        return count;
    }

    // Session days of strictly ascending bars by runs: a New York day's bars are found by one search for the next
    // day's start and filled at once, instead of a day lookup per bar.
    private void StageSessionDays(ReadOnlySpan<long> time)
    {
        var sessionDate = _batch.Int32Column(BarSchema.SessionDate);
        Span<int> days = stackalloc int[512];
        for (var at = 0; at < time.Length; at += days.Length)
        {
            var slice = time.Slice(at, Math.Min(days.Length, time.Length - at));
            var i = 0;
            while (i < slice.Length)
            {
                var day = SessionDay(slice[i]);
                var rest = slice[i..];
                var end = rest.BinarySearch(_dayEnd);
                var run = end >= 0 ? end : ~end;
                days.Slice(i, run).Fill(day);
                i += run;
            }

            sessionDate.Append(days[..slice.Length]);
        }
    }

    // Copies up to room kept bars from page rows [from..) into the batch; returns how many, and where it stopped.
    // Spans and typed buffers are fetched once per slice: this loop runs for every bar of the lake.
    private int Stage(BarPage page, int from, int room, out int next)
    {
        var time = page.Time;
        var open = page.Open;
        var high = page.High;
        var low = page.Low;
        var close = page.Close;
        var volume = page.Volume;
        var vwap = page.Vwap;
        var hasVwap = page.HasVwap;
        var transactions = page.Transactions;
        var hasTransactions = page.HasTransactions;
        var otc = page.Otc;
        var ticker = _batch.StringColumn(BarSchema.Ticker);
        var tColumn = _batch.Int64Column(BarSchema.T);
        var sessionDate = _batch.Int32Column(BarSchema.SessionDate);
        var o = _batch.DoubleColumn(BarSchema.O);
        var h = _batch.DoubleColumn(BarSchema.H);
        var l = _batch.DoubleColumn(BarSchema.L);
        var c = _batch.DoubleColumn(BarSchema.C);
        var v = _batch.DoubleColumn(BarSchema.V);
        var vw = _batch.DoubleColumn(BarSchema.Vw);
        var n = _batch.Int64Column(BarSchema.N);
        var otcColumn = _batch.BooleanColumn(BarSchema.Otc);
        var last = LastT ?? long.MinValue;
        var appended = 0;
        var i = from;
        for (; i < time.Length && appended < room; i++)
        {
            var t = time[i];
            if (t <= last)
            {
                continue;
            }

            if (t < _windowStartMs || t >= _windowEndMs)
            {
                OutOfWindow++;
                continue;
            }

            ticker.Append(_tickerUtf8);
            tColumn.Append(t);
            sessionDate.Append(SessionDay(t));
            o.Append(open[i]);
            h.Append(high[i]);
            l.Append(low[i]);
            c.Append(close[i]);
            v.Append(volume[i]);
            if (hasVwap[i])
            {
                vw.Append(vwap[i]);
            }
            else
            {
                vw.AppendNull();
            }

            if (hasTransactions[i])
            {
                n.Append(transactions[i]);
            }
            else
            {
                n.AppendNull();
            }

            otcColumn.Append(otc[i]);
            FirstT ??= t;
            last = t;
            appended++;
        }

        if (appended > 0)
        {
            LastT = last;
        }

        next = i;
        return appended;
    }

    // Bars arrive in time order, so the New York day is recomputed only when a bar leaves the current one.
    private int SessionDay(long t)
    {
        if (t < _dayStart || t >= _dayEnd)
        {
            var date = NewYorkTime.SessionDateOfMilliseconds(t);
            _dayStart = NewYorkTime.StartOfDayUnixMilliseconds(date);
            _dayEnd = NewYorkTime.StartOfDayUnixMilliseconds(date.PlusDays(1));
            _dayNumber = date.ToDateOnly().DayNumber - EpochDayNumber;
        }

        return _dayNumber;
    }
}
