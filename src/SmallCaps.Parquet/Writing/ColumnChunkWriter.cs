using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Writing;

/// <summary>
/// Encodes one column's values into V1 data pages, buffering the compressed pages of the current
/// column chunk until the row group is written. Subclasses own the per-type page buffers and statistics.
/// </summary>
internal abstract class ColumnChunkWriter : IDisposable
{
    private readonly CompressionCodec _codec;
    private readonly ByteBuffer _pages = new(1 << 16);
    private readonly ByteBuffer _dictionaryPage = new(256);
    private readonly ByteBuffer _compressed = new(1 << 16);
    private readonly ByteBuffer _header = new(64);
    private readonly SortedSet<ParquetEncoding> _encodings = [];
    private readonly Dictionary<(PageType, ParquetEncoding), int> _pageCounts = [];
    private long _numValues;
    private long _totalUncompressed;
    private long _totalCompressed;
    private long _dictionaryUncompressed;
    private long _dictionaryCompressed;

    protected ColumnChunkWriter(LeafColumn leaf, ParquetWriterOptions options, CompressionCodec codec)
    {
        Leaf = leaf;
        Options = options;
        _codec = codec;
    }

    protected LeafColumn Leaf { get; }

    protected ParquetWriterOptions Options { get; }

    /// <summary>The uncompressed page being assembled: [repetition levels][definition levels][values].</summary>
    protected ByteBuffer PageBody { get; } = new(1 << 16);

    /// <summary>Encoded bytes held for the current chunk.</summary>
    public long BufferedBytes => _pages.Length + _dictionaryPage.Length;

    /// <summary>Appends rows [from, from + count) of the batch column.</summary>
    public abstract void Append(ColumnBuffer buffer, int from, int count);

    /// <summary>Writes the chunk (dictionary page first) at <paramref name="offset"/> and returns its metadata; the writer is then ready for the next chunk.</summary>
    public async ValueTask<ColumnChunk> WriteChunkAsync(Stream stream, long offset, CancellationToken ct)
    {
        FlushPage();
        FinishChunk();
        var start = offset;
        long? dictionaryOffset = null;
        if (_dictionaryPage.Length > 0)
        {
            dictionaryOffset = offset;
            await stream.WriteAsync(_dictionaryPage.WrittenMemory, ct);
            offset += _dictionaryPage.Length;
        }

        var dataOffset = offset;
        await stream.WriteAsync(_pages.WrittenMemory, ct);
        var meta = new ColumnMetaData
        {
            Type = Leaf.PhysicalType,
            Encodings = [.. _encodings],
            PathInSchema = Leaf.Path,
            Codec = _codec,
            NumValues = _numValues,
            TotalUncompressedSize = _totalUncompressed + _dictionaryUncompressed,
            TotalCompressedSize = _totalCompressed + _dictionaryCompressed,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = BuildStatistics(),
            EncodingStats = [.. _pageCounts.OrderBy(p => p.Key.Item1 == PageType.DictionaryPage ? 0 : 1).ThenBy(p => (int)p.Key.Item2).Select(p => new PageEncodingStats { PageType = p.Key.Item1, Encoding = p.Key.Item2, Count = p.Value })],
        };
        ResetChunkState();
        return new ColumnChunk { FileOffset = start, MetaData = meta };
    }

    public virtual void Dispose()
    {
        _pages.Dispose();
        _dictionaryPage.Dispose();
        _compressed.Dispose();
        _header.Dispose();
        PageBody.Dispose();
    }

    /// <summary>Encodes the pending page, if it has any rows, through <see cref="EmitDataPage"/>.</summary>
    protected abstract void FlushPage();

    /// <summary>Called before the chunk is written (a dictionary column emits its dictionary page here).</summary>
    protected virtual void FinishChunk()
    {
    }

    /// <summary>Chunk statistics; called once per chunk after the last page.</summary>
    protected abstract Format.Statistics BuildStatistics();

    /// <summary>Forgets per-chunk state (statistics, dictionary).</summary>
    protected abstract void ResetChunk();

    /// <summary>Writes levels with the V1 4-byte length prefix.</summary>
    protected void WriteLevels(ReadOnlySpan<byte> levels, int maxLevel)
    {
        var prefixAt = PageBody.Length;
        PageBody.WriteInt32LittleEndian(0);
        RleHybridEncoder.Encode(levels, RleHybridEncoder.BitWidth((uint)maxLevel), PageBody);
        PageBody.PatchInt32LittleEndian(prefixAt, PageBody.Length - prefixAt - 4);
    }

    /// <summary>Compresses <see cref="PageBody"/> into a data page of <paramref name="numValues"/> level entries.</summary>
    protected void EmitDataPage(int numValues, ParquetEncoding encoding)
    {
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            DataPageHeader = new DataPageHeader { NumValues = numValues, Encoding = encoding },
        };
        var (headerLength, bodyLength) = AppendPage(header, _pages);
        _totalUncompressed += headerLength + header.UncompressedPageSize;
        _totalCompressed += headerLength + bodyLength;
        _numValues += numValues;
        _encodings.Add(encoding);
        if (Leaf.MaxDefinitionLevel > 0 || Leaf.MaxRepetitionLevel > 0)
        {
            _encodings.Add(ParquetEncoding.Rle);
        }

        Count(PageType.DataPage, encoding);
    }

    /// <summary>Writes a PLAIN dictionary page from <paramref name="plainValues"/> (must be called once, before the chunk is written).</summary>
    protected void EmitDictionaryPage(ReadOnlySpan<byte> plainValues, int count)
    {
        PageBody.Clear();
        PageBody.Write(plainValues);
        var header = new PageHeader
        {
            Type = PageType.DictionaryPage,
            DictionaryPageHeader = new DictionaryPageHeader { NumValues = count, Encoding = ParquetEncoding.Plain },
        };
        var (headerLength, bodyLength) = AppendPage(header, _dictionaryPage);
        _dictionaryUncompressed = headerLength + header.UncompressedPageSize;
        _dictionaryCompressed = headerLength + bodyLength;
        _encodings.Add(ParquetEncoding.Plain);
        Count(PageType.DictionaryPage, ParquetEncoding.Plain);
    }

    private (int HeaderLength, int BodyLength) AppendPage(PageHeader header, ByteBuffer target)
    {
        ReadOnlySpan<byte> body;
        if (_codec == CompressionCodec.Uncompressed)
        {
            body = PageBody.WrittenSpan;
        }
        else
        {
            _compressed.Clear();
            PageCompressor.Compress(_codec, PageBody.WrittenSpan, _compressed);
            body = _compressed.WrittenSpan;
        }

        header.UncompressedPageSize = PageBody.Length;
        header.CompressedPageSize = body.Length;
        _header.Clear();
        header.Write(new CompactWriter(_header));
        target.Write(_header.WrittenSpan);
        target.Write(body);
        PageBody.Clear();
        return (_header.Length, body.Length);
    }

    private void Count(PageType type, ParquetEncoding encoding)
    {
        _pageCounts.TryGetValue((type, encoding), out var n);
        _pageCounts[(type, encoding)] = n + 1;
    }

    private void ResetChunkState()
    {
        _pages.Clear();
        _dictionaryPage.Clear();
        _encodings.Clear();
        _pageCounts.Clear();
        _numValues = 0;
        _totalUncompressed = 0;
        _totalCompressed = 0;
        _dictionaryUncompressed = 0;
        _dictionaryCompressed = 0;
        ResetChunk();
    }
}
