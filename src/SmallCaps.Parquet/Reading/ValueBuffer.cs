using System.Runtime.InteropServices;

namespace SmallCaps.Parquet.Reading;

/// <summary>Typed storage for decoded values (a column chunk's values or a dictionary).</summary>
internal sealed class ValueBuffer
{
    private ValueBuffer(ParquetPhysicalType type, int typeLength, int capacity)
    {
        Type = type;
        TypeLength = typeLength;
        Capacity = capacity;
    }

    public ParquetPhysicalType Type { get; }

    public int TypeLength { get; }

    public int Capacity { get; private set; }

    /// <summary>Values written so far (dense).</summary>
    public int Count { get; set; }

    public int[]? Int32 { get; private set; }

    public long[]? Int64 { get; private set; }

    public float[]? Float { get; private set; }

    public double[]? Double { get; private set; }

    public bool[]? Boolean { get; private set; }

    public byte[][]? Binary { get; private set; }

    public static ValueBuffer Create(ParquetPhysicalType type, int typeLength, int capacity)
    {
        var buffer = new ValueBuffer(type, typeLength, capacity);
        switch (type)
        {
            case ParquetPhysicalType.Int32: buffer.Int32 = GC.AllocateUninitializedArray<int>(capacity); break;
            case ParquetPhysicalType.Int64:
            case ParquetPhysicalType.Int96: buffer.Int64 = GC.AllocateUninitializedArray<long>(capacity); break;
            case ParquetPhysicalType.Float: buffer.Float = GC.AllocateUninitializedArray<float>(capacity); break;
            case ParquetPhysicalType.Double: buffer.Double = GC.AllocateUninitializedArray<double>(capacity); break;
            case ParquetPhysicalType.Boolean: buffer.Boolean = new bool[capacity]; break;
            default: buffer.Binary = new byte[capacity][]; break;
        }

        return buffer;
    }

    /// <summary>Room left, checked by decoders before they write <paramref name="count"/> values.</summary>
    public void EnsureRoom(int count)
    {
        if (count < 0 || count > Capacity - Count)
        {
            throw CorruptData.Error($"page holds more values ({count}) than the column chunk declares room for ({Capacity - Count} left)");
        }
    }

    /// <summary>The bytes of the next <paramref name="count"/> slots of an INT32/INT64/FLOAT/DOUBLE buffer, for bulk decoding.</summary>
    public bool TryGetFixedWidthBytes(int count, out Span<byte> bytes)
    {
        EnsureRoom(count);
        bytes = Type switch
        {
            ParquetPhysicalType.Int32 => MemoryMarshal.AsBytes(Int32.AsSpan(Count, count)),
            ParquetPhysicalType.Int64 => MemoryMarshal.AsBytes(Int64.AsSpan(Count, count)),
            ParquetPhysicalType.Float => MemoryMarshal.AsBytes(Float.AsSpan(Count, count)),
            ParquetPhysicalType.Double => MemoryMarshal.AsBytes(Double.AsSpan(Count, count)),
            _ => default,
        };
        return Type is ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64 or ParquetPhysicalType.Float or ParquetPhysicalType.Double;
    }

    /// <summary>Spreads the dense values over the slots marked valid (in place, back to front), zeroing null slots.</summary>
    public void SpreadOver(bool[] validity)
    {
        var dense = Count - 1;
        for (var slot = validity.Length - 1; slot >= 0; slot--)
        {
            if (validity[slot])
            {
                Move(dense--, slot);
            }
            else
            {
                Clear(slot);
            }
        }

        Count = validity.Length;
    }

    /// <summary>Shrinks the arrays to <see cref="Count"/>.</summary>
    public void Trim()
    {
        if (Count == Capacity)
        {
            return;
        }

        if (Int32 is not null) { Int32 = Int32[..Count]; }
        if (Int64 is not null) { Int64 = Int64[..Count]; }
        if (Float is not null) { Float = Float[..Count]; }
        if (Double is not null) { Double = Double[..Count]; }
        if (Boolean is not null) { Boolean = Boolean[..Count]; }
        if (Binary is not null) { Binary = Binary[..Count]; }
        Capacity = Count;
    }

    /// <summary>Copies the arrays into a <see cref="ColumnData"/>.</summary>
    public void AssignTo(ColumnData data)
    {
        data.Int32Values = Int32;
        data.Int64Values = Int64;
        data.FloatValues = Float;
        data.DoubleValues = Double;
        data.BooleanValues = Boolean;
        data.BinaryValues = Binary;
    }

    private void Move(int from, int to)
    {
        if (from == to)
        {
            return;
        }

        if (Int32 is not null) { Int32[to] = Int32[from]; }
        else if (Int64 is not null) { Int64[to] = Int64[from]; }
        else if (Float is not null) { Float[to] = Float[from]; }
        else if (Double is not null) { Double[to] = Double[from]; }
        else if (Boolean is not null) { Boolean[to] = Boolean[from]; }
        else if (Binary is not null) { Binary[to] = Binary[from]; }
    }

    private void Clear(int slot)
    {
        if (Int32 is not null) { Int32[slot] = 0; }
        else if (Int64 is not null) { Int64[slot] = 0; }
        else if (Float is not null) { Float[slot] = 0; }
        else if (Double is not null) { Double[slot] = 0; }
        else if (Boolean is not null) { Boolean[slot] = false; }
        else if (Binary is not null) { Binary[slot] = null!; }
    }
}
