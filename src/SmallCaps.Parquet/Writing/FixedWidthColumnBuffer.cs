using System.Runtime.CompilerServices;

namespace SmallCaps.Parquet;

/// <summary>Values of a fixed-width column (numbers, booleans, dates, timestamps): one slot per row.</summary>
/// <typeparam name="T">The in-memory value type; value types give each column its own specialised code.</typeparam>
public abstract class FixedWidthColumnBuffer<T> : ColumnBuffer
    where T : unmanaged
{
    private T[] _values;

    private protected FixedWidthColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
        _values = new T[Capacity];
    }

    /// <summary>Row values; entries of null rows are default.</summary>
    internal T[] Values => _values;

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
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
