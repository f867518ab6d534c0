using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmallCaps.Core.Api;

/// <summary>
/// The free rows of a <see cref="BarPage"/>'s columns for a reader that appends a run of whole rows
/// (<see cref="BarPage.StartRun"/>): each row written without a capacity check, a load of the column arrays or a null
/// check. Valid until <see cref="BarPage.EndRun"/>.
/// </summary>
internal readonly ref struct BarRun
{
    private readonly ref long _time;
    private readonly ref double _open;
    private readonly ref double _high;
    private readonly ref double _low;
    private readonly ref double _close;
    private readonly ref double _volume;
    private readonly ref double _vwap;
    private readonly ref bool _hasVwap;
    private readonly ref long _transactions;
    private readonly ref bool _hasTransactions;
    private readonly ref bool _otc;

    public BarRun(int start, long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume, double[] vwap, bool[] hasVwap, long[] transactions, bool[] hasTransactions, bool[] otc)
    {
        _time = ref At(time, start);
        _open = ref At(open, start);
        _high = ref At(high, start);
        _low = ref At(low, start);
        _close = ref At(close, start);
        _volume = ref At(volume, start);
        _vwap = ref At(vwap, start);
        _hasVwap = ref At(hasVwap, start);
        _transactions = ref At(transactions, start);
        _hasTransactions = ref At(hasTransactions, start);
        _otc = ref At(otc, start);
        Room = time.Length - start;
    }

    /// <summary>Rows that fit before the page must grow (at least one).</summary>
    public int Room { get; }

    /// <summary>Writes the run's row <paramref name="i"/> (below <see cref="Room"/>), every column, absent values as 0 and false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(int i, long time, double open, double high, double low, double close, double volume, double vwap, bool hasVwap, long transactions, bool hasTransactions, bool otc)
    {
        Unsafe.Add(ref _time, i) = time;
        Unsafe.Add(ref _open, i) = open;
        Unsafe.Add(ref _high, i) = high;
        Unsafe.Add(ref _low, i) = low;
        Unsafe.Add(ref _close, i) = close;
        Unsafe.Add(ref _volume, i) = volume;
        Unsafe.Add(ref _vwap, i) = vwap;
        Unsafe.Add(ref _hasVwap, i) = hasVwap;
        Unsafe.Add(ref _transactions, i) = transactions;
        Unsafe.Add(ref _hasTransactions, i) = hasTransactions;
        Unsafe.Add(ref _otc, i) = otc;
    }

    private static ref T At<T>(T[] column, int i) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(column), i);
}
