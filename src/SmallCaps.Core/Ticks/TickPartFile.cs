using NodaTime;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// The file of one ticker and session being written: ticks of its windows stream into a Parquet writer on a
/// hidden temp name; <see cref="CommitAsync"/> finishes, fsyncs, renames and fsyncs the folder. Dispose without
/// commit deletes the temp file. Memory: one page plus the writer's open row group.
/// </summary>
internal sealed class TickPartFile : IDisposable
{
    // 65,536 rows per row group, as for bars: the writer's open row group stays a few MB even for wide quote rows.
    private static readonly ParquetWriterOptions WriterOptions = new() { RowGroupRows = 65_536 };

    // The staging batch is handed to the writer in slices, so it never grows to a whole 50,000-row page.
    private const int BatchRows = 8192;
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private readonly string _ticker;
    private readonly int _sessionDay;
    private readonly TickSchema _schema;
    private readonly LakePartWriter _part;
    private readonly ColumnBatch _batch;
    private readonly QuoteSampler? _sampler;
    private readonly List<int> _inWindow = new(TicksQuery.PageLimit);
    private readonly Action<TickPage, int> _emit;

    private TickPartFile(string outdir, string relativePath, TickDataset dataset, string ticker, LocalDate session, ColumnBatch batch, ParquetWriteBuffers? buffers)
    {
        _ticker = ticker;
        _sessionDay = session.ToDateOnly().DayNumber - EpochDayNumber;
        _schema = TickSchema.For(dataset.Kind);
        _sampler = dataset.SampleHz is null ? null : new QuoteSampler(dataset.BucketNs);
        _batch = batch;
        _emit = (page, row) =>
        {
            _schema.AppendRow(_batch, _ticker, _sessionDay, page, row);
            var sip = page.SipTimestamp[row];
            FirstT ??= sip;
            LastT = sip;
            Rows++;
        };
        _part = new LakePartWriter(outdir, relativePath, _schema.Schema, WriterOptions, buffers);
    }

    /// <summary>Rows written (after sampling).</summary>
    public long Rows { get; private set; }

    /// <summary>Ticks received inside the windows (before sampling).</summary>
    public long Received { get; private set; }

    /// <summary>Ticks the vendor sent outside the asked window, dropped.</summary>
    public long OutOfWindow { get; private set; }

    /// <summary>First sip_timestamp written, Unix ns.</summary>
    public long? FirstT { get; private set; }

    /// <summary>Last sip_timestamp written, Unix ns.</summary>
    public long? LastT { get; private set; }

    public static TickPartFile Create(string outdir, string relativePath, TickDataset dataset, string ticker, LocalDate session, ColumnBatch? batch = null, ParquetWriteBuffers? buffers = null) =>
        new(outdir, relativePath, dataset, ticker, session, batch ?? new ColumnBatch(TickSchema.For(dataset.Kind).Schema, 4096), buffers);

    /// <summary>Writes the page's ticks inside [<paramref name="startNs"/>, <paramref name="endNs"/>) (sampled when asked).</summary>
    public async ValueTask AppendAsync(TickPage page, long startNs, long endNs, CancellationToken cancellationToken)
    {
        _batch.Clear();
        SelectInWindow(page, startNs, endNs);
        for (var k = 0; k < _inWindow.Count; k++)
        {
            var row = _inWindow[k];
            if (_sampler is null)
            {
                _emit(page, row);
            }
            else
            {
                _sampler.Offer(page, row, k + 1 < _inWindow.Count ? _inWindow[k + 1] : -1, _emit);
            }

            if (_batch.RowCount >= BatchRows)
            {
                await FlushBatchAsync(cancellationToken);
            }
        }

        await FlushBatchAsync(cancellationToken);
    }

    /// <summary>Finishes, makes durable, and publishes the file under its final name.</summary>
    public async Task<CommittedFile> CommitAsync(CancellationToken cancellationToken)
    {
        _batch.Clear();
        _sampler?.Finish(_emit);
        await FlushBatchAsync(cancellationToken);
        if (Rows == 0)
        {
            throw new InvalidOperationException("An empty session is recorded as empty, not written.");
        }

        return await _part.CommitAsync(Rows, FirstT!.Value, LastT!.Value, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _part.Dispose();

    private long? LastReceived { get; set; }

    // Keeps the rows inside the window, checking time order across pages and windows.
    private void SelectInWindow(TickPage page, long startNs, long endNs)
    {
        _inWindow.Clear();
        var sip = page.SipTimestamp.Values;
        for (var i = 0; i < page.Count; i++)
        {
            if (sip[i] < startNs || sip[i] >= endNs)
            {
                OutOfWindow++;
                continue;
            }

            if (_inWindow.Count > 0 ? sip[i] < sip[_inWindow[^1]] : LastReceived is { } last && sip[i] < last)
            {
                throw new InvalidOperationException($"{_ticker}: ticks out of time order ({sip[i]} after {LastReceived}); order=asc was asked");
            }

            _inWindow.Add(i);
        }

        if (_inWindow.Count > 0)
        {
            Received += _inWindow.Count;
            LastReceived = sip[_inWindow[^1]];
        }
    }

    private async ValueTask FlushBatchAsync(CancellationToken cancellationToken)
    {
        if (_batch.RowCount > 0)
        {
            await _part.WriteAsync(_batch, cancellationToken);
        }

        _batch.Clear();
    }
}
