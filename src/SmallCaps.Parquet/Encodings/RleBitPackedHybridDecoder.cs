using System.Buffers.Binary;
using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>
/// Decodes the RLE / bit-packed hybrid encoding (levels, dictionary indices, RLE booleans).
/// Stops exactly at the number of values asked for, even when the last run is longer.
/// </summary>
internal ref struct RleBitPackedHybridDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private int _position;
    private long _repeatRemaining;
    private int _repeatValue;
    private long _packedRemaining;
    private int _packedStart;
    private long _packedIndex;

    /// <summary>Decodes runs from <paramref name="data"/>, which holds no length prefix.</summary>
    public RleBitPackedHybridDecoder(ReadOnlySpan<byte> data, int bitWidth)
    {
        if ((uint)bitWidth > 32)
        {
            throw CorruptData.Error($"RLE bit width {bitWidth} exceeds 32");
        }

        _data = data;
        _bitWidth = bitWidth;
    }

    /// <summary>Bytes consumed so far (runs read, including a partly used final run).</summary>
    public readonly int Position => _position;

    /// <summary>Creates a decoder over a stream that starts with a 4-byte little-endian length (V1 levels, RLE booleans).</summary>
    public static RleBitPackedHybridDecoder WithLengthPrefix(ReadOnlySpan<byte> data, int bitWidth, out int totalBytes)
    {
        if (data.Length < 4)
        {
            throw CorruptData.Error("RLE length prefix is truncated");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw CorruptData.Error($"RLE length prefix {length} exceeds the {data.Length - 4} bytes available");
        }

        totalBytes = 4 + length;
        return new RleBitPackedHybridDecoder(data.Slice(4, length), bitWidth);
    }

    /// <summary>Creates a decoder for dictionary indices: one bit-width byte, then runs.</summary>
    public static RleBitPackedHybridDecoder ForDictionaryIndices(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw CorruptData.Error("dictionary index data has no bit-width byte");
        }

        return new RleBitPackedHybridDecoder(data[1..], data[0]);
    }

    /// <summary>Fills <paramref name="output"/> completely or throws when the runs end first.</summary>
    public void Decode(Span<int> output)
    {
        var filled = 0;
        while (filled < output.Length)
        {
            var want = output.Length - filled;
            if (_repeatRemaining > 0)
            {
                var n = (int)Math.Min(_repeatRemaining, want);
                output.Slice(filled, n).Fill(_repeatValue);
                _repeatRemaining -= n;
                filled += n;
            }
            else if (_packedRemaining > 0)
            {
                var n = (int)Math.Min(_packedRemaining, want);
                BitPackedDecoder.Unpack32(_data[_packedStart..], _packedIndex * _bitWidth, _bitWidth, output.Slice(filled, n));
                _packedRemaining -= n;
                _packedIndex += n;
                filled += n;
            }
            else
            {
                ReadRunHeader();
            }
        }
    }

    private void ReadRunHeader()
    {
        if (_position >= _data.Length)
        {
            throw CorruptData.Error("RLE/bit-packed data ends before all values were decoded");
        }

        var header = VarIntReader.ReadUleb128(_data, ref _position);
        if (header > uint.MaxValue)
        {
            throw CorruptData.Error("RLE run header exceeds 32 bits");
        }

        var count = (long)(header >> 1);
        if ((header & 1) == 1)
        {
            // Bit-packed groups of 8; a writer may stop short in the final run, so decode what is present.
            var bytes = count * _bitWidth;
            var available = _data.Length - _position;
            _packedStart = _position;
            _packedIndex = 0;
            if (bytes <= available)
            {
                _packedRemaining = count * 8;
                _position += (int)bytes;
            }
            else
            {
                _packedRemaining = _bitWidth == 0 ? count * 8 : (long)available * 8 / _bitWidth;
                _position = _data.Length;
            }
        }
        else
        {
            var valueBytes = (_bitWidth + 7) / 8;
            if (valueBytes > _data.Length - _position)
            {
                throw CorruptData.Error("RLE run value is truncated");
            }

            uint value = 0;
            for (var k = 0; k < valueBytes; k++)
            {
                value |= (uint)_data[_position + k] << (8 * k);
            }

            _position += valueBytes;
            if (_bitWidth < 32 && value >> _bitWidth != 0)
            {
                throw CorruptData.Error($"RLE run value {value} does not fit {_bitWidth} bits");
            }

            _repeatValue = unchecked((int)value);
            _repeatRemaining = count;
        }
    }
}
