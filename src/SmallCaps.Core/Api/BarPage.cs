using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmallCaps.Core.Api;

/// <summary>
/// One page of bars as column buffers (no per-bar objects), reused page after page: the spans are valid
/// until the next page is decoded into it. Timestamps are the window start in Unix milliseconds UTC.
/// </summary>
public sealed class BarPage
{
    private const int DefaultCapacity = 1024;

    private long[] _time;
    private double[] _open;
    private double[] _high;
    private double[] _low;
    private double[] _close;
    private double[] _volume;
    private double[] _vwap;
    private bool[] _hasVwap;
    private long[] _transactions;
    private bool[] _hasTransactions;
    private bool[] _otc;
    private string?[]? _symbols;

    /// <summary>Creates an empty page that grows as needed.</summary>
    public BarPage()
        : this(DefaultCapacity)
    {
    }

    /// <summary>Creates an empty page with room for <paramref name="capacity"/> bars before it grows.</summary>
    /// <param name="capacity">Bars held without growing; a reused page sized to the request limit never reallocates.</param>
    public BarPage(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = new long[capacity];
        _open = new double[capacity];
        _high = new double[capacity];
        _low = new double[capacity];
        _close = new double[capacity];
        _volume = new double[capacity];
        _vwap = new double[capacity];
        _hasVwap = new bool[capacity];
        _transactions = new long[capacity];
        _hasTransactions = new bool[capacity];
        _otc = new bool[capacity];
    }

    /// <summary>Bars on this page (after duplicates were dropped).</summary>
    public int Count { get; private set; }

    /// <summary>The envelope: status (OK/DELAYED), request_id, resultsCount, next_url, ...</summary>
    public PageEnvelope Envelope { get; } = new();

    /// <summary>Bars dropped from this page because their <c>t</c> was not after the last bar already seen in the stream.</summary>
    public int DuplicatesDropped { get; internal set; }

    /// <summary>True when this was an empty last page that was fetched a second time to rule out a glitch.</summary>
    public bool EmptyPageRechecked { get; internal set; }

    /// <summary><c>t</c>: window start, Unix ms UTC.</summary>
    public ReadOnlySpan<long> Time => _time.AsSpan(0, Count);

    /// <summary><c>o</c>.</summary>
    public ReadOnlySpan<double> Open => _open.AsSpan(0, Count);

    /// <summary><c>h</c>.</summary>
    public ReadOnlySpan<double> High => _high.AsSpan(0, Count);

    /// <summary><c>l</c>.</summary>
    public ReadOnlySpan<double> Low => _low.AsSpan(0, Count);

    /// <summary><c>c</c>.</summary>
    public ReadOnlySpan<double> Close => _close.AsSpan(0, Count);

    /// <summary><c>v</c> (fractional since 2026).</summary>
    public ReadOnlySpan<double> Volume => _volume.AsSpan(0, Count);

    /// <summary><c>vw</c>; meaningful only where <see cref="HasVwap"/> is true (0 elsewhere).</summary>
    public ReadOnlySpan<double> Vwap => _vwap.AsSpan(0, Count);

    /// <summary>Whether the bar carried <c>vw</c>.</summary>
    public ReadOnlySpan<bool> HasVwap => _hasVwap.AsSpan(0, Count);

    /// <summary><c>n</c>; meaningful only where <see cref="HasTransactions"/> is true (0 elsewhere).</summary>
    public ReadOnlySpan<long> Transactions => _transactions.AsSpan(0, Count);

    /// <summary>Whether the bar carried <c>n</c>.</summary>
    public ReadOnlySpan<bool> HasTransactions => _hasTransactions.AsSpan(0, Count);

    /// <summary><c>otc</c> (the vendor writes it only when true).</summary>
    public ReadOnlySpan<bool> Otc => _otc.AsSpan(0, Count);

    /// <summary>True when some bar carried <c>T</c> (grouped daily and prev-close bodies).</summary>
    public bool HasSymbols => _symbols is not null;

    /// <summary><c>T</c> per bar when <see cref="HasSymbols"/>; null entries for bars without it.</summary>
    public ReadOnlySpan<string?> Symbols => _symbols is null ? default : _symbols.AsSpan(0, Count);

    /// <summary>The last bar's <c>t</c>; throws when the page is empty.</summary>
    public long LastTime => Count > 0 ? _time[Count - 1] : throw new InvalidOperationException("The page has no bars.");

    /// <summary>Empties the page, keeping its buffers.</summary>
    internal void Reset()
    {
        // Nothing to clear: Add and Append write every column of every row (absent optional values as 0/false).
        _symbols = null;
        Count = 0;
        DuplicatesDropped = 0;
        EmptyPageRechecked = false;
    }

    /// <summary>Appends a row with the required fields and returns its index for the optional ones.</summary>
    internal int Add(long time, double open, double high, double low, double close, double volume)
    {
        if (Count == _time.Length)
        {
            Grow();
        }

        var i = Count++;
        _time[i] = time;
        _open[i] = open;
        _high[i] = high;
        _low[i] = low;
        _close[i] = close;
        _volume[i] = volume;

        // The optional columns read as absent until set: a reused page is never cleared.
        _vwap[i] = 0;
        _hasVwap[i] = false;
        _transactions[i] = 0;
        _hasTransactions[i] = false;
        _otc[i] = false;
        if (_symbols is not null)
        {
            _symbols[i] = null;
        }

        return i;
    }

    /// <summary>Appends a whole row, every column written with one capacity check (the columns are always the same length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Append(long time, double open, double high, double low, double close, double volume, double vwap, bool hasVwap, long transactions, bool hasTransactions, bool otc)
    {
        EnsureRoom();
        AppendInRoom(time, open, high, low, close, volume, vwap, hasVwap, transactions, hasTransactions, otc);
    }

    /// <summary>
    /// Makes room for one more row. A reader's loop calls it before it computes the row, so none of the row's values
    /// lives across the rare call to grow (which would keep them on the stack for every row).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EnsureRoom()
    {
        if ((uint)Count >= (uint)_time.Length)
        {
            Grow();
        }
    }

    /// <summary>Appends a whole row after <see cref="EnsureRoom"/> (no capacity check of its own).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AppendInRoom(long time, double open, double high, double low, double close, double volume, double vwap, bool hasVwap, long transactions, bool hasTransactions, bool otc)
    {
        var i = Count;

        // Absent optional values are written as the cleared state (0, false), so no branch per column.
        At(_time, i) = time;
        At(_open, i) = open;
        At(_high, i) = high;
        At(_low, i) = low;
        At(_close, i) = close;
        At(_volume, i) = volume;
        At(_vwap, i) = vwap;
        At(_hasVwap, i) = hasVwap;
        At(_transactions, i) = transactions;
        At(_hasTransactions, i) = hasTransactions;
        At(_otc, i) = otc;
        if (_symbols is not null)
        {
            _symbols[i] = null;
        }

        Count = i + 1;
    }

    /// <summary>The free rows' columns for a run of whole rows, the page grown first when it is full; ended by <see cref="EndRun"/>.</summary>
    internal BarRun StartRun()
    {
        EnsureRoom();
        return new BarRun(Count, _time, _open, _high, _low, _close, _volume, _vwap, _hasVwap, _transactions, _hasTransactions, _otc);
    }

    /// <summary>Takes the first <paramref name="rows"/> rows a run from <see cref="StartRun"/> wrote.</summary>
    internal void EndRun(int rows)
    {
        _symbols?.AsSpan(Count, rows).Clear();
        Count += rows;
    }

    internal void SetVwap(int row, double value)
    {
        _vwap[row] = value;
        _hasVwap[row] = true;
    }

    internal void SetTransactions(int row, long value)
    {
        _transactions[row] = value;
        _hasTransactions[row] = true;
    }

    internal void SetOtc(int row, bool value) => _otc[row] = value;

    internal void SetSymbol(int row, string? value)
    {
        _symbols ??= new string?[_time.Length];
        _symbols[row] = value;
    }

    /// <summary>Removes, in place, every bar whose <c>t</c> is not after the previous kept bar (starting from <paramref name="lastSeen"/>); returns how many.</summary>
    internal int DropNotAfter(long? lastSeen)
    {
        var last = lastSeen ?? long.MinValue;

        // The everyday batch is strictly ascending after the last bar seen: one vector pass that moves nothing.
        var times = _time.AsSpan(0, Count);
        if (times.IsEmpty || (times[0] > last && AscendingTimes.Strictly(times)))
        {
            return 0;
        }

        var ascending = 0;
        while (ascending < times.Length && times[ascending] > last)
        {
            last = times[ascending++];
        }

        if (ascending == times.Length)
        {
            return 0;
        }

        var kept = ascending;
        for (var i = ascending; i < Count; i++)
        {
            if (_time[i] <= last)
            {
                continue;
            }

            last = _time[i];
            if (kept != i)
            {
                MoveRow(i, kept);
            }

            kept++;
        }

        var dropped = Count - kept;
        if (dropped > 0)
        {
            // The vacated tail needs no clearing: every row appended later writes all its columns.
            Count = kept;
            DuplicatesDropped += dropped;
        }

        return dropped;
    }

    private void MoveRow(int from, int to)
    {
        _time[to] = _time[from];
        _open[to] = _open[from];
        _high[to] = _high[from];
        _low[to] = _low[from];
        _close[to] = _close[from];
        _volume[to] = _volume[from];
        _vwap[to] = _vwap[from];
        _hasVwap[to] = _hasVwap[from];
        _transactions[to] = _transactions[from];
        _hasTransactions[to] = _hasTransactions[from];
        _otc[to] = _otc[from];
        if (_symbols is not null)
        {
            _symbols[to] = _symbols[from];
        }
    }

    // An element of a column without a bounds check: Append checked the index against the common length.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T At<T>(T[] column, int i) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(column), i);

    private void Grow()
    {
        var size = _time.Length * 2;
        Array.Resize(ref _time, size);
        Array.Resize(ref _open, size);
        Array.Resize(ref _high, size);
        Array.Resize(ref _low, size);
        Array.Resize(ref _close, size);
        Array.Resize(ref _volume, size);
        Array.Resize(ref _vwap, size);
        Array.Resize(ref _hasVwap, size);
        Array.Resize(ref _transactions, size);
        Array.Resize(ref _hasTransactions, size);
        Array.Resize(ref _otc, size);
        if (_symbols is not null)
        {
            Array.Resize(ref _symbols, size);
        }
    }
}
