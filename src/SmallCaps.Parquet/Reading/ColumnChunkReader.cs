using System.Buffers;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Reading;

/// <summary>
/// Reads one column chunk: walks its pages from the smaller of the dictionary/data offsets, switching
/// on page type (index and unknown pages are skipped), and stops once the chunk's values are decoded.
/// Page CRCs are not verified, like DuckDB's default: a damaged page still fails in its decoder.
/// </summary>
internal sealed class ColumnChunkReader
{
    private readonly ParquetColumnInfo _column;
    private readonly ColumnMetaData _meta;
    private readonly int _valueCount;
    private readonly ValueBuffer _values;
    private readonly bool[]? _validity;
    private readonly int[]? _definitions;
    private readonly int[]? _repetitions;
    private ValueBuffer? _dictionary;
    private int _levelsRead;

    private ColumnChunkReader(ParquetColumnInfo column, ColumnMetaData meta, int valueCount)
    {
        _column = column;
        _meta = meta;
        _valueCount = valueCount;
        _values = ValueBuffer.Create(column.PhysicalType, column.TypeLength, valueCount);
        if (column.IsFlat)
        {
            _validity = column.MaxDefinitionLevel > 0 ? new bool[valueCount] : null;
        }
        else
        {
            _definitions = new int[valueCount];
            _repetitions = new int[valueCount];
        }
    }

    /// <summary>Reads and decodes the chunk <paramref name="chunk"/> of <paramref name="column"/>.</summary>
    /// <param name="source">The file.</param>
    /// <param name="dataEnd">First byte of the footer: chunks must end before it.</param>
    /// <param name="column">The leaf column.</param>
    /// <param name="chunk">Its chunk in the row group.</param>
    /// <param name="rowCount">Rows in the row group.</param>
    /// <param name="maxValues">Upper bound on values per chunk, derived from the file size, so hostile counts cannot force giant allocations.</param>
    /// <param name="ct">Checked between pages.</param>
    public static ColumnData Read(ParquetByteSource source, long dataEnd, ParquetColumnInfo column, ColumnChunk chunk, long rowCount, int maxValues, CancellationToken ct)
    {
        if (chunk.FilePath is not null)
        {
            throw CorruptData.Error($"column chunk lives in another file ('{chunk.FilePath}'), which is not supported");
        }

        var meta = chunk.MetaData ?? throw CorruptData.Error("column chunk has no metadata");
        if ((ParquetPhysicalType)meta.Type != column.PhysicalType)
        {
            throw CorruptData.Error($"chunk type {meta.Type} differs from the schema's {column.PhysicalType}");
        }

        if (meta.NumValues < 0 || meta.NumValues > maxValues)
        {
            throw CorruptData.Error($"chunk declares {meta.NumValues} values (limit {maxValues} for this file)");
        }

        if (column.IsFlat && meta.NumValues != rowCount)
        {
            throw CorruptData.Error($"chunk holds {meta.NumValues} values but its row group has {rowCount} rows");
        }

        // An empty chunk has nothing to read; some writers leave its offsets at 0.
        if (meta.NumValues == 0)
        {
            return new ColumnChunkReader(column, meta, 0).Finish(rowCount);
        }

        var start = meta.DataPageOffset;
        if (meta.DictionaryPageOffset is > 0 and var dictionaryOffset && dictionaryOffset < start)
        {
            start = dictionaryOffset;
        }

        var length = meta.TotalCompressedSize;
        if (start < 4 || length < 0 || length > dataEnd - start)
        {
            throw CorruptData.Error($"chunk range {start}+{length} lies outside the data area (4..{dataEnd})");
        }

        var reader = new ColumnChunkReader(column, meta, (int)meta.NumValues);
        var bytes = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            source.Read(start, bytes.AsSpan(0, (int)length));
            reader.ReadPages(bytes.AsMemory(0, (int)length), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return reader.Finish(rowCount);
    }

    private void ReadPages(ReadOnlyMemory<byte> chunk, CancellationToken ct)
    {
        var position = 0;
        while (_levelsRead < _valueCount)
        {
            ct.ThrowIfCancellationRequested();
            if (position >= chunk.Length)
            {
                throw CorruptData.Error($"chunk ends after {_levelsRead} of {_valueCount} values");
            }

            var thrift = new CompactReader(chunk[position..]);
            var header = PageHeader.Read(thrift);
            position += thrift.Position;
            if (header.CompressedPageSize > chunk.Length - position)
            {
                throw CorruptData.Error($"page of {header.CompressedPageSize} bytes at chunk offset {position} runs past the chunk's end");
            }

            var body = chunk.Span.Slice(position, header.CompressedPageSize);
            position += header.CompressedPageSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionaryPage(header, body);
                    break;
                case PageType.DataPage:
                    ReadDataPageV1(header, body);
                    break;
                case PageType.DataPageV2:
                    ReadDataPageV2(header, body);
                    break;
                default:
                    break;
            }
        }
    }

    private void ReadDictionaryPage(PageHeader header, ReadOnlySpan<byte> body)
    {
        var info = header.DictionaryPageHeader ?? throw CorruptData.Error("dictionary page without dictionary_page_header");
        if (_dictionary is not null)
        {
            throw CorruptData.Error("chunk has a second dictionary page");
        }

        if (info.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
        {
            throw CorruptData.Error($"dictionary page uses {EncodingNames.Of(info.Encoding)}; only PLAIN is defined");
        }

        var count = info.NumValues;
        var minBits = _column.PhysicalType switch
        {
            ParquetPhysicalType.Boolean => 1L,
            ParquetPhysicalType.Int64 or ParquetPhysicalType.Double => 64L,
            ParquetPhysicalType.Int96 => 96L,
            ParquetPhysicalType.FixedLenByteArray => _column.TypeLength * 8L,
            _ => 32L,
        };
        if (count < 0 || count * minBits > header.UncompressedPageSize * 8L)
        {
            throw CorruptData.Error($"dictionary page declares {count} values in {header.UncompressedPageSize} bytes");
        }

        var rented = PageDecompression.Decompress(_meta.Codec, body, header.UncompressedPageSize, out var page);
        try
        {
            var dictionary = ValueBuffer.Create(_column.PhysicalType, _column.TypeLength, count);
            PageValueDecoder.Decode(ParquetEncoding.Plain, page, count, dictionary, null);
            _dictionary = dictionary;
        }
        finally
        {
            PageDecompression.Return(rented);
        }
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> body)
    {
        var info = header.DataPageHeader ?? throw CorruptData.Error("data page without data_page_header");
        var count = CheckPageCount(info.NumValues);
        if (count == 0)
        {
            // An empty page carries nothing to decode, whatever its (possibly zero-length) body holds.
            return;
        }

        if (TryDecodeStraightIntoValues(info, header, body, count))
        {
            return;
        }

        var rented = PageDecompression.Decompress(_meta.Codec, body, header.UncompressedPageSize, out var page);
        try
        {
            var offset = 0;
            if (_column.MaxRepetitionLevel > 0)
            {
                offset += LevelDecoder.ReadV1(info.RepetitionLevelEncoding, page, count, _column.MaxRepetitionLevel, _repetitions.AsSpan(_levelsRead, count));
            }

            var present = count;
            if (_column.MaxDefinitionLevel > 0)
            {
                var levels = ArrayPool<int>.Shared.Rent(count);
                try
                {
                    offset += LevelDecoder.ReadV1(info.DefinitionLevelEncoding, page[offset..], count, _column.MaxDefinitionLevel, levels.AsSpan(0, count));
                    present = StoreDefinitions(levels.AsSpan(0, count));
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(levels);
                }
            }

            CheckRepetitions(count);
            PageValueDecoder.Decode(info.Encoding, page[offset..], present, _values, _dictionary);
            _levelsRead += count;
        }
        finally
        {
            PageDecompression.Return(rented);
        }
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body)
    {
        var info = header.DataPageHeaderV2 ?? throw CorruptData.Error("data page v2 without data_page_header_v2");
        var count = CheckPageCount(info.NumValues);
        if (count == 0)
        {
            return;
        }

        var repLength = info.RepetitionLevelsByteLength;
        var defLength = info.DefinitionLevelsByteLength;
        if ((long)repLength + defLength > body.Length)
        {
            throw CorruptData.Error($"v2 page levels ({repLength}+{defLength} bytes) exceed the page's {body.Length} bytes");
        }

        if (_column.MaxRepetitionLevel > 0)
        {
            LevelDecoder.DecodeV2(body[..repLength], count, _column.MaxRepetitionLevel, _repetitions.AsSpan(_levelsRead, count));
        }

        var present = count;
        if (_column.MaxDefinitionLevel > 0)
        {
            var levels = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
            try
            {
                LevelDecoder.DecodeV2(body.Slice(repLength, defLength), count, _column.MaxDefinitionLevel, levels.AsSpan(0, count));
                present = StoreDefinitions(levels.AsSpan(0, count));
            }
            finally
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }
        else if (info.NumNulls != 0)
        {
            throw CorruptData.Error($"v2 page of a required column declares {info.NumNulls} nulls");
        }

        CheckRepetitions(count);
        var valuesBody = body[(repLength + defLength)..];
        var valuesSize = header.UncompressedPageSize - repLength - defLength;
        if (present == 0 && valuesBody.IsEmpty)
        {
            _levelsRead += count;
            return;
        }

        byte[]? rented = null;
        ReadOnlySpan<byte> values = valuesBody;
        if (info.IsCompressed && _meta.Codec != CompressionCodec.Uncompressed)
        {
            if (valuesSize < 0)
            {
                throw CorruptData.Error($"v2 page levels are longer than its uncompressed size {header.UncompressedPageSize}");
            }

            rented = PageDecompression.Decompress(_meta.Codec, valuesBody, valuesSize, out values);
        }

        try
        {
            PageValueDecoder.Decode(info.Encoding, values, present, _values, _dictionary);
            _levelsRead += count;
        }
        finally
        {
            PageDecompression.Return(rented);
        }
    }

    /// <summary>
    /// Fast path for the common page of our own files: a required flat fixed-width column, PLAIN, no
    /// levels. The page body is decompressed (or copied) straight into the value array, skipping a copy.
    /// </summary>
    private bool TryDecodeStraightIntoValues(DataPageHeader info, PageHeader header, ReadOnlySpan<byte> body, int count)
    {
        if (_column.MaxDefinitionLevel != 0 || _column.MaxRepetitionLevel != 0 || info.Encoding != ParquetEncoding.Plain
            || !_values.TryGetFixedWidthBytes(count, out var target) || header.UncompressedPageSize != target.Length)
        {
            return false;
        }

        if (_meta.Codec == CompressionCodec.Uncompressed && body.Length != target.Length)
        {
            return false;
        }

        PageDecompression.DecompressInto(_meta.Codec, body, target);
        _values.Count += count;
        _levelsRead += count;
        return true;
    }

    private int CheckPageCount(int count)
    {
        if (count < 0 || count > _valueCount - _levelsRead)
        {
            throw CorruptData.Error($"page declares {count} values but only {_valueCount - _levelsRead} of the chunk's {_valueCount} remain");
        }

        return count;
    }

    /// <summary>Keeps the page's definition levels (nested) or validity (flat); returns how many values are present.</summary>
    private int StoreDefinitions(ReadOnlySpan<int> levels)
    {
        var max = _column.MaxDefinitionLevel;
        var present = 0;
        if (_validity is not null)
        {
            var validity = _validity.AsSpan(_levelsRead, levels.Length);
            for (var i = 0; i < levels.Length; i++)
            {
                var valid = levels[i] == max;
                validity[i] = valid;
                present += valid ? 1 : 0;
            }
        }
        else
        {
            levels.CopyTo(_definitions.AsSpan(_levelsRead));
            foreach (var level in levels)
            {
                present += level == max ? 1 : 0;
            }
        }

        return present;
    }

    private void CheckRepetitions(int count)
    {
        if (_repetitions is not null && _levelsRead == 0 && count > 0 && _repetitions[0] != 0)
        {
            throw CorruptData.Error("repetition levels of the chunk do not start a new row (first level is not 0)");
        }
    }

    private ColumnData Finish(long rowCount)
    {
        if (_repetitions is not null)
        {
            long rows = 0;
            foreach (var r in _repetitions)
            {
                rows += r == 0 ? 1 : 0;
            }

            if (rows != rowCount)
            {
                throw CorruptData.Error($"repetition levels describe {rows} rows but the row group has {rowCount}");
            }
        }

        bool[]? validity = null;
        if (_validity is not null && _values.Count != _validity.Length)
        {
            _values.SpreadOver(_validity);
            validity = _validity;
        }

        _values.Trim();
        var data = new ColumnData(_column, rowCount, _values.Count)
        {
            Validity = validity,
            DefinitionLevels = _definitions,
            RepetitionLevels = _repetitions,
        };
        _values.AssignTo(data);
        return data;
    }
}
