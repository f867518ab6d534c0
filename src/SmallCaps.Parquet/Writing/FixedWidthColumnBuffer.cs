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

    /// <summary>Appends every value of <paramref name="values"/> in one copy.</summary>
    public void Append(ReadOnlySpan<T> values)
    {
        var at = Reserve(values.Length);
        values.CopyTo(_values.AsSpan(at));
        MarkRange(at, values.Length);
    }

    /// <summary>
    /// Appends <paramref name="values"/>, row i null where <paramref name="present"/>[i] is false (its value is
    /// stored but never written); throws for a REQUIRED column when some row is null.
    /// </summary>
    public void Append(ReadOnlySpan<T> values, ReadOnlySpan<bool> present)
    {
        if (present.Length != values.Length)
        {
            throw new ArgumentException($"{present.Length} presence flags for {values.Length} values.", nameof(present));
        }

        var nulls = present.Count(false);
        if (nulls > 0)
        {
            ThrowIfRequired();
        }

        var at = Reserve(values.Length);
        values.CopyTo(_values.AsSpan(at));
        MarkRange(at, values.Length, present, nulls);
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
