using System.Runtime.CompilerServices;

namespace SmallCaps.Parquet;

/// <summary>Values of a Double column.</summary>
public sealed class DoubleColumnBuffer : ColumnBuffer
{
    private double[] _values;

    internal DoubleColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
        _values = new double[Capacity];
    }

    /// <summary>Row values; entries of null rows are default.</summary>
    internal double[] Values => _values;

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(double value)
    {
        if (Count == Capacity)
        {
            Grow();
        }

        _values[Count] = value;
        MarkAndAdvance(true);
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        ThrowIfRequired();
        if (Count == Capacity)
        {
            Grow();
        }

        _values[Count] = default;
        MarkAndAdvance(false);
    }

    private protected override void ResizeValues(int capacity) => Array.Resize(ref _values, capacity);
}
