using System.Buffers.Binary;

namespace SmallCaps.Parquet.Format;

/// <summary>
/// Thrift compact protocol reader for untrusted bytes: every length and count is checked against the
/// bytes that remain, nesting is bounded, and unknown fields are skipped. Errors are
/// <see cref="ParquetFormatException"/> naming <see cref="SourceName"/>.
/// </summary>
internal sealed class CompactReader
{
    /// <summary>Deepest nesting of structs and containers accepted (parquet metadata needs about 8).</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlyMemory<byte> _data;
    private readonly short[] _lastFieldIds = new short[MaxDepth + 1];
    private int _position;
    private int _depth;

    public CompactReader(ReadOnlyMemory<byte> data, string? sourceName = null)
    {
        _data = data;
        SourceName = sourceName;
    }

    /// <summary>File name (or other source) quoted in error messages.</summary>
    public string? SourceName { get; }

    /// <summary>Bytes consumed so far (a page header's length once it has been read).</summary>
    public int Position => _position;

    public int Remaining => _data.Length - _position;

    public static long ZigZagDecode(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    public ParquetFormatException Fail(string what) => new(SourceName, $"invalid Thrift metadata at byte {_position}: {what}");

    public void BeginStruct()
    {
        if (_depth >= MaxDepth)
        {
            throw Fail($"structures nested deeper than {MaxDepth}");
        }

        _depth++;
        _lastFieldIds[_depth] = 0;
    }

    public void EndStruct() => _depth--;

    /// <summary>Reads the next field header; false at the struct's stop byte.</summary>
    public bool ReadFieldHeader(out CompactType type, out short id)
    {
        var b = ReadRawByte();
        if (b == 0)
        {
            type = CompactType.Stop;
            id = 0;
            return false;
        }

        type = (CompactType)(b & 0x0F);
        if (type > CompactType.Struct)
        {
            throw Fail($"unknown field type {(int)type}");
        }

        var delta = b >> 4;
        if (delta == 0)
        {
            var raw = ZigZagDecode(ReadVarInt(5));
            if (raw is < short.MinValue or > short.MaxValue)
            {
                throw Fail("field id out of range");
            }

            id = (short)raw;
        }
        else
        {
            id = unchecked((short)(_lastFieldIds[_depth] + delta));
        }

        _lastFieldIds[_depth] = id;
        return true;
    }

    public static bool IsBool(CompactType type) => type is CompactType.BooleanTrue or CompactType.BooleanFalse;

    public int ReadI32()
    {
        var v = ZigZagDecode(ReadVarInt(5));
        if (v is < int.MinValue or > int.MaxValue)
        {
            throw Fail("i32 out of range");
        }

        return (int)v;
    }

    public long ReadI64() => ZigZagDecode(ReadVarInt(10));

    public sbyte ReadByte() => unchecked((sbyte)ReadRawByte());

    public double ReadDouble()
    {
        var span = Take(8);
        return BinaryPrimitives.ReadDoubleLittleEndian(span);
    }

    /// <summary>A boolean stored as a list element: 1 is true, anything else (0 or 2) false.</summary>
    public bool ReadBoolElement() => ReadRawByte() == 1;

    public ReadOnlySpan<byte> ReadBinarySpan()
    {
        var length = ReadVarInt(5);
        if (length > (ulong)Remaining)
        {
            throw Fail($"binary of {length} bytes but only {Remaining} remain");
        }

        return Take((int)length);
    }

    public byte[] ReadBinary() => ReadBinarySpan().ToArray();

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBinarySpan());

    /// <summary>Reads a list (or set) header; the count is bounded by the bytes that remain.</summary>
    public int ReadListHeader(out CompactType elementType)
    {
        var b = ReadRawByte();
        elementType = (CompactType)(b & 0x0F);
        if (elementType is CompactType.Stop or > CompactType.Struct)
        {
            throw Fail($"unknown list element type {(int)elementType}");
        }

        var size = (ulong)(b >> 4);
        if (size == 15)
        {
            size = ReadVarInt(5);
        }

        // Every element takes at least one byte, so a longer list cannot fit in what remains.
        var minBytes = elementType == CompactType.Double ? 8UL : 1UL;
        if (size > (ulong)Remaining / minBytes)
        {
            throw Fail($"list of {size} elements cannot fit in the {Remaining} remaining bytes");
        }

        return (int)size;
    }

    /// <summary>Reads a list field of the expected element type; a list of another element type is skipped and yields an empty list.</summary>
    public List<T> ReadList<T>(CompactType expectedElement, Func<CompactReader, T> readElement)
    {
        var count = ReadListHeader(out var elementType);
        var matches = elementType == expectedElement || (IsBool(expectedElement) && IsBool(elementType));
        var list = new List<T>(matches ? count : 0);
        EnterContainer();
        for (var i = 0; i < count; i++)
        {
            if (matches)
            {
                list.Add(readElement(this));
            }
            else
            {
                SkipElement(elementType);
            }
        }

        _depth--;
        return list;
    }

    /// <summary>Skips a value of the given field type (including nested structs and containers).</summary>
    public void Skip(CompactType type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                return;
            default:
                SkipElement(type);
                return;
        }
    }

    private void SkipElement(CompactType type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
            case CompactType.Byte:
                ReadRawByte();
                break;
            case CompactType.I16:
            case CompactType.I32:
            case CompactType.I64:
                ReadVarInt(10);
                break;
            case CompactType.Double:
                Take(8);
                break;
            case CompactType.Binary:
                ReadBinarySpan();
                break;
            case CompactType.List:
            case CompactType.Set:
                {
                    var count = ReadListHeader(out var elementType);
                    EnterContainer();
                    for (var i = 0; i < count; i++)
                    {
                        SkipElement(elementType);
                    }

                    _depth--;
                    break;
                }

            case CompactType.Map:
                {
                    var size = ReadVarInt(5);
                    if (size == 0)
                    {
                        break;
                    }

                    var kinds = ReadRawByte();
                    var keyType = (CompactType)(kinds >> 4);
                    var valueType = (CompactType)(kinds & 0x0F);
                    if (keyType is CompactType.Stop or > CompactType.Struct || valueType is CompactType.Stop or > CompactType.Struct)
                    {
                        throw Fail("unknown map element type");
                    }

                    if (size > (ulong)Remaining / 2)
                    {
                        throw Fail($"map of {size} entries cannot fit in the {Remaining} remaining bytes");
                    }

                    EnterContainer();
                    for (var i = 0UL; i < size; i++)
                    {
                        SkipElement(keyType);
                        SkipElement(valueType);
                    }

                    _depth--;
                    break;
                }

            case CompactType.Struct:
                BeginStruct();
                while (ReadFieldHeader(out var fieldType, out _))
                {
                    Skip(fieldType);
                }

                EndStruct();
                break;
            default:
                throw Fail($"cannot skip type {(int)type}");
        }
    }

    private void EnterContainer()
    {
        if (_depth >= MaxDepth)
        {
            throw Fail($"structures nested deeper than {MaxDepth}");
        }

        _depth++;
        _lastFieldIds[_depth] = 0;
    }

    private byte ReadRawByte()
    {
        if (_position >= _data.Length)
        {
            throw Fail("unexpected end of data");
        }

        return _data.Span[_position++];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Fail($"needs {count} bytes but only {Remaining} remain");
        }

        var span = _data.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    private ulong ReadVarInt(int maxBytes)
    {
        ulong result = 0;
        var span = _data.Span;
        for (var i = 0; i < maxBytes; i++)
        {
            if (_position >= span.Length)
            {
                throw Fail("unexpected end of data inside a varint");
            }

            var b = span[_position++];
            result |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Fail("varint is too long");
    }
}
