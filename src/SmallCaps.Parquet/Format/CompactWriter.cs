namespace SmallCaps.Parquet.Format;

/// <summary>
/// Thrift compact protocol writer: field headers use id deltas, integers are zigzag varints,
/// booleans ride in the field header. Structs nest through <see cref="BeginStruct"/>/<see cref="EndStruct"/>.
/// </summary>
internal sealed class CompactWriter
{
    private const int MaxDepth = 64;
    private readonly ByteBuffer _out;
    private readonly short[] _lastFieldIds = new short[MaxDepth];
    private int _depth = -1;

    public CompactWriter(ByteBuffer output)
    {
        _out = output;
    }

    public ByteBuffer Output => _out;

    /// <summary>Forgets any struct left open by a failed write, so the writer can be reused.</summary>
    public void Reset() => _depth = -1;

    public static ulong ZigZag(long value) => unchecked((ulong)((value << 1) ^ (value >> 63)));

    public void BeginStruct()
    {
        if (++_depth >= MaxDepth)
        {
            throw new InvalidOperationException("Thrift structs nested too deeply.");
        }

        _lastFieldIds[_depth] = 0;
    }

    public void EndStruct()
    {
        _out.WriteByte((byte)CompactType.Stop);
        _depth--;
    }

    public void WriteFieldHeader(short id, CompactType type)
    {
        var delta = id - _lastFieldIds[_depth];
        if (delta is > 0 and <= 15)
        {
            _out.WriteByte((byte)((delta << 4) | (int)type));
        }
        else
        {
            _out.WriteByte((byte)type);
            _out.WriteUnsignedVarInt(ZigZag(id));
        }

        _lastFieldIds[_depth] = id;
    }

    public void WriteI32Field(short id, int value)
    {
        WriteFieldHeader(id, CompactType.I32);
        WriteI32(value);
    }

    public void WriteI64Field(short id, long value)
    {
        WriteFieldHeader(id, CompactType.I64);
        WriteI64(value);
    }

    public void WriteI16Field(short id, short value)
    {
        WriteFieldHeader(id, CompactType.I16);
        WriteI32(value);
    }

    public void WriteByteField(short id, sbyte value)
    {
        WriteFieldHeader(id, CompactType.Byte);
        _out.WriteByte(unchecked((byte)value));
    }

    public void WriteBoolField(short id, bool value) => WriteFieldHeader(id, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);

    public void WriteBinaryField(short id, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(id, CompactType.Binary);
        WriteBinary(value);
    }

    public void WriteStringField(short id, string value)
    {
        WriteFieldHeader(id, CompactType.Binary);
        WriteString(value);
    }

    /// <summary>Writes the header of a struct-typed field; the caller then writes the struct itself.</summary>
    public void WriteStructFieldHeader(short id) => WriteFieldHeader(id, CompactType.Struct);

    /// <summary>Writes a struct field whose struct has no fields (union members like TYPE_ORDER, MILLIS).</summary>
    public void WriteEmptyStructField(short id)
    {
        WriteFieldHeader(id, CompactType.Struct);
        _out.WriteByte((byte)CompactType.Stop);
    }

    public void WriteListFieldHeader(short id, CompactType elementType, int count)
    {
        WriteFieldHeader(id, CompactType.List);
        WriteListHeader(elementType, count);
    }

    public void WriteListHeader(CompactType elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 15)
        {
            _out.WriteByte((byte)((count << 4) | (int)elementType));
        }
        else
        {
            _out.WriteByte((byte)(0xF0 | (int)elementType));
            _out.WriteUnsignedVarInt((ulong)count);
        }
    }

    public void WriteI32(int value) => _out.WriteUnsignedVarInt(ZigZag(value));

    public void WriteI64(long value) => _out.WriteUnsignedVarInt(ZigZag(value));

    /// <summary>A boolean inside a list: one byte, 1 for true and 2 for false as the reference implementation writes.</summary>
    public void WriteBoolElement(bool value) => _out.WriteByte(value ? (byte)1 : (byte)2);

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        _out.WriteUnsignedVarInt((ulong)value.Length);
        _out.Write(value);
    }

    public void WriteString(string value)
    {
        var byteCount = System.Text.Encoding.UTF8.GetByteCount(value);
        _out.WriteUnsignedVarInt((ulong)byteCount);
        var span = _out.GetSpan(byteCount);
        System.Text.Encoding.UTF8.GetBytes(value, span);
        _out.Advance(byteCount);
    }
}
