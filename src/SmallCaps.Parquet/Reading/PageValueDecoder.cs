using System.Buffers;
using System.Runtime.InteropServices;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Reading;

/// <summary>Decodes the values section of a data page (or a dictionary page) into a <see cref="ValueBuffer"/>.</summary>
internal static class PageValueDecoder
{
    /// <summary>Appends <paramref name="count"/> values encoded with <paramref name="encoding"/>.</summary>
    public static void Decode(ParquetEncoding encoding, ReadOnlySpan<byte> data, int count, ValueBuffer target, ValueBuffer? dictionary)
    {
        target.EnsureRoom(count);
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                DecodePlain(data, count, target);
                break;
            case ParquetEncoding.PlainDictionary:
            case ParquetEncoding.RleDictionary:
                DecodeDictionary(data, count, target, dictionary ?? throw CorruptData.Error("dictionary-encoded page without a dictionary page"));
                break;
            case ParquetEncoding.Rle when target.Type == ParquetPhysicalType.Boolean:
                DecodeRleBoolean(data, count, target);
                break;
            case ParquetEncoding.DeltaBinaryPacked when target.Type is ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64:
                DecodeDelta(data, count, target);
                break;
            case ParquetEncoding.DeltaLengthByteArray when target.Type == ParquetPhysicalType.ByteArray:
                CopyBinary(DeltaLengthByteArrayDecoder.Decode(data, count, out _), count, target);
                break;
            case ParquetEncoding.DeltaByteArray when target.Type is ParquetPhysicalType.ByteArray or ParquetPhysicalType.FixedLenByteArray:
                CopyBinary(DeltaByteArrayDecoder.Decode(data, count), count, target);
                break;
            case ParquetEncoding.ByteStreamSplit:
                DecodeByteStreamSplit(data, count, target);
                break;
            default:
                throw CorruptData.Error($"encoding {EncodingNames.Of(encoding)} is not supported for {target.Type} values");
        }

        target.Count += count;
    }

    private static void DecodePlain(ReadOnlySpan<byte> data, int count, ValueBuffer target)
    {
        var at = target.Count;
        switch (target.Type)
        {
            case ParquetPhysicalType.Int32: PlainDecoder.ReadFixed(data, target.Int32.AsSpan(at, count)); break;
            case ParquetPhysicalType.Int64: PlainDecoder.ReadFixed(data, target.Int64.AsSpan(at, count)); break;
            case ParquetPhysicalType.Float: PlainDecoder.ReadFixed(data, target.Float.AsSpan(at, count)); break;
            case ParquetPhysicalType.Double: PlainDecoder.ReadFixed(data, target.Double.AsSpan(at, count)); break;
            case ParquetPhysicalType.Int96: PlainDecoder.ReadInt96(data, target.Int64.AsSpan(at, count)); break;
            case ParquetPhysicalType.Boolean: PlainDecoder.ReadBoolean(data, target.Boolean.AsSpan(at, count)); break;
            case ParquetPhysicalType.ByteArray: PlainDecoder.ReadByteArray(data, target.Binary.AsSpan(at, count)); break;
            default: PlainDecoder.ReadFixedLenByteArray(data, target.TypeLength, target.Binary.AsSpan(at, count)); break;
        }
    }

    private static void DecodeDictionary(ReadOnlySpan<byte> data, int count, ValueBuffer target, ValueBuffer dictionary)
    {
        if (count == 0)
        {
            return;
        }

        var indices = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var span = indices.AsSpan(0, count);
            RleBitPackedHybridDecoder.ForDictionaryIndices(data).Decode(span);
            var at = target.Count;
            var size = dictionary.Count;
            switch (target.Type)
            {
                case ParquetPhysicalType.Int32: Gather(dictionary.Int32!, size, span, target.Int32.AsSpan(at, count)); break;
                case ParquetPhysicalType.Int64:
                case ParquetPhysicalType.Int96: Gather(dictionary.Int64!, size, span, target.Int64.AsSpan(at, count)); break;
                case ParquetPhysicalType.Float: Gather(dictionary.Float!, size, span, target.Float.AsSpan(at, count)); break;
                case ParquetPhysicalType.Double: Gather(dictionary.Double!, size, span, target.Double.AsSpan(at, count)); break;
                case ParquetPhysicalType.Boolean: Gather(dictionary.Boolean!, size, span, target.Boolean.AsSpan(at, count)); break;
                default: Gather(dictionary.Binary!, size, span, target.Binary.AsSpan(at, count)); break;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private static void Gather<T>(T[] dictionary, int size, ReadOnlySpan<int> indices, Span<T> output)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            var index = (uint)indices[i];
            if (index >= (uint)size)
            {
                throw CorruptData.Error($"dictionary index {indices[i]} is outside the {size}-entry dictionary");
            }

            output[i] = dictionary[index];
        }
    }

    private static void DecodeRleBoolean(ReadOnlySpan<byte> data, int count, ValueBuffer target)
    {
        var bits = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var span = bits.AsSpan(0, count);
            RleBitPackedHybridDecoder.WithLengthPrefix(data, 1, out _).Decode(span);
            var output = target.Boolean.AsSpan(target.Count, count);
            for (var i = 0; i < count; i++)
            {
                output[i] = span[i] != 0;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(bits);
        }
    }

    private static void DecodeDelta(ReadOnlySpan<byte> data, int count, ValueBuffer target)
    {
        var values = DeltaBinaryPackedDecoder.Decode(data, count, out _);
        if (values.Length != count)
        {
            throw CorruptData.Error($"DELTA_BINARY_PACKED stream holds {values.Length} values, page needs {count}");
        }

        if (target.Type == ParquetPhysicalType.Int64)
        {
            values.CopyTo(target.Int64.AsSpan(target.Count, count));
            return;
        }

        var output = target.Int32.AsSpan(target.Count, count);
        for (var i = 0; i < count; i++)
        {
            output[i] = unchecked((int)values[i]);
        }
    }

    private static void CopyBinary(byte[][] values, int count, ValueBuffer target)
    {
        if (values.Length != count)
        {
            throw CorruptData.Error($"byte array stream holds {values.Length} values, page needs {count}");
        }

        if (target.Type == ParquetPhysicalType.FixedLenByteArray)
        {
            foreach (var v in values)
            {
                if (v.Length != target.TypeLength)
                {
                    throw CorruptData.Error($"FIXED_LEN_BYTE_ARRAY value of {v.Length} bytes in a column of width {target.TypeLength}");
                }
            }
        }

        values.CopyTo(target.Binary.AsSpan(target.Count, count));
    }

    private static void DecodeByteStreamSplit(ReadOnlySpan<byte> data, int count, ValueBuffer target)
    {
        var at = target.Count;
        switch (target.Type)
        {
            case ParquetPhysicalType.Int32: ByteStreamSplitDecoder.Decode(data, 4, count, MemoryMarshal.AsBytes(target.Int32.AsSpan(at, count))); break;
            case ParquetPhysicalType.Int64: ByteStreamSplitDecoder.Decode(data, 8, count, MemoryMarshal.AsBytes(target.Int64.AsSpan(at, count))); break;
            case ParquetPhysicalType.Float: ByteStreamSplitDecoder.Decode(data, 4, count, MemoryMarshal.AsBytes(target.Float.AsSpan(at, count))); break;
            case ParquetPhysicalType.Double: ByteStreamSplitDecoder.Decode(data, 8, count, MemoryMarshal.AsBytes(target.Double.AsSpan(at, count))); break;
            case ParquetPhysicalType.FixedLenByteArray:
                var width = target.TypeLength;
                var joined = new byte[(long)width * count];
                ByteStreamSplitDecoder.Decode(data, width, count, joined);
                PlainDecoder.ReadFixedLenByteArray(joined, width, target.Binary.AsSpan(at, count));
                break;
            default:
                throw CorruptData.Error($"BYTE_STREAM_SPLIT is not defined for {target.Type} values");
        }
    }
}
