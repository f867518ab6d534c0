namespace SmallCaps.Parquet;

/// <summary>
/// One column's values in a <see cref="ColumnBatch"/>. Typed subclasses add <c>Append</c>; buffers grow
/// as needed and are reused after <see cref="ColumnBatch.Clear"/>.
/// </summary>
public abstract class ColumnBuffer
{
    private byte[]? _defined;

    private protected ColumnBuffer(ColumnSpec spec, int capacity)
    {
        Spec = spec;
        Capacity = Math.Max(16, capacity);
        if (spec.Nullable)
        {
            _defined = new byte[Capacity];
        }
    }

    /// <summary>The column this buffer holds.</summary>
    public ColumnSpec Spec { get; }

    /// <summary>Rows appended since the last clear (nulls included).</summary>
    public int Count { get; private protected set; }

    /// <summary>Null rows appended since the last clear.</summary>
    public int NullCount { get; private protected set; }

    /// <summary>Per row: 1 when a value is present, 0 for null; null for REQUIRED columns.</summary>
    internal byte[]? Defined => _defined;

    private protected int Capacity { get; private set; }

    /// <summary>Appends a null row; throws for a REQUIRED column.</summary>
    public abstract void AppendNull();

    internal virtual void Clear()
    {
        Count = 0;
        NullCount = 0;
    }

    /// <summary>Makes room for one more row (call when <see cref="Count"/> equals the capacity).</summary>
    private protected void Grow()
    {
        var next = checked(Capacity * 2);
        if (_defined is not null)
        {
            Array.Resize(ref _defined, next);
        }

        ResizeValues(next);
        Capacity = next;
    }

    private protected abstract void ResizeValues(int capacity);

    private protected void ThrowIfRequired()
    {
        if (_defined is null)
        {
            throw new InvalidOperationException($"Column '{Spec.Name}' is REQUIRED and cannot hold a null.");
        }
    }

    /// <summary>Grows until <paramref name="rows"/> more fit; returns where they start.</summary>
    private protected int Reserve(int rows)
    {
        while (Capacity - Count < rows)
        {
            Grow();
        }

        return Count;
    }

    /// <summary>Records <paramref name="rows"/> present rows from <paramref name="at"/> (the values are already stored) and advances.</summary>
    private protected void MarkRange(int at, int rows)
    {
        _defined?.AsSpan(at, rows).Fill(1);
        Count += rows;
    }

    /// <summary>Records <paramref name="rows"/> rows from <paramref name="at"/>, present where the flag is true, and advances.</summary>
    private protected void MarkRange(int at, int rows, ReadOnlySpan<bool> present, int nulls)
    {
        if (_defined is not null)
        {
            // A bool is stored as the byte 0 or 1: exactly the definition level.
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(present).CopyTo(_defined.AsSpan(at, rows));
        }

        NullCount += nulls;
        Count += rows;
    }

    /// <summary>Records row <see cref="Count"/> as present or null and advances.</summary>
    private protected void MarkAndAdvance(bool present)
    {
        if (_defined is not null)
        {
            _defined[Count] = present ? (byte)1 : (byte)0;
        }

        if (!present)
        {
            NullCount++;
        }

        Count++;
    }
}
