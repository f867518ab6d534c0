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
    private const int EncodingSlots = (int)ParquetEncoding.ByteStreamSplit + 1;

    // A V1 data or dictionary page header without statistics is at most ~40 bytes (a few varints and enums).
    private const int MaxPageHeaderBytes = 64;

    private readonly CompressionCodec _codec;
    private readonly ByteBuffer _pages = new(1 << 16);
    private readonly ByteBuffer _dictionaryPage = new(256);
    private readonly ByteBuffer _header = new(64);
    private readonly CompactWriter _headerWriter;

    // One header of each kind, refilled per page: a page allocates nothing.
    private readonly PageHeader _dataPageHeader = new() { Type = PageType.DataPage, DataPageHeader = new DataPageHeader() };
    private readonly PageHeader _dictionaryPageHeader = new() { Type = PageType.DictionaryPage, DictionaryPageHeader = new DictionaryPageHeader { Encoding = ParquetEncoding.Plain } };

    // Encodings used and data pages per encoding, indexed by the encoding's thrift value.
    private readonly int[] _dataPagesByEncoding = new int[EncodingSlots];
    private int _usedEncodings;
    private int _dictionaryPages;
    private long _numValues;
    private long _totalUncompressed;
    private long _totalCompressed;
    private long _dictionaryUncompressed;
    private long _dictionaryCompressed;

    protected ColumnChunkWriter(LeafColumn leaf, ParquetWriterOptions options, CompressionCodec codec)
    {
        _headerWriter = new CompactWriter(_header);
        Leaf = leaf;
        Options = options;
        _codec = codec;
    }

    protected LeafColumn Leaf { get; }

    protected ParquetWriterOptions Options { get; private set; }

    /// <summary>The uncompressed page being assembled: [repetition levels][definition levels][values].</summary>
    protected ByteBuffer PageBody { get; } = new(1 << 16);

    /// <summary>Encoded bytes held for the current chunk.</summary>
    public long BufferedBytes => _pages.Length + _dictionaryPage.Length;

    /// <summary>Memory this writer keeps between files: its byte buffers' capacity plus the subclass's arrays.</summary>
    public long RetainedBytes => (long)_pages.Capacity + _dictionaryPage.Capacity + _header.Capacity + PageBody.Capacity + RetainedArrayBytes;

    /// <summary>Bytes held by the subclass's own arrays and dictionary.</summary>
    protected abstract long RetainedArrayBytes { get; }

    /// <summary>Points the writer at another file's options (same page size and codec; see <see cref="ParquetWriteBuffers"/>).</summary>
    public void Rebind(ParquetWriterOptions options) => Options = options;

    /// <summary>Forgets everything of the previous file (pending page, buffered pages, statistics, dictionary), keeping the memory.</summary>
    public void ResetForNewFile()
    {
        PageBody.Clear();
        _header.Clear();
        _headerWriter.Reset();
        DiscardPendingPage();
        ResetChunkState();
    }

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
            Encodings = UsedEncodings(),
            PathInSchema = Leaf.Path,
            Codec = _codec,
            NumValues = _numValues,
            TotalUncompressedSize = _totalUncompressed + _dictionaryUncompressed,
            TotalCompressedSize = _totalCompressed + _dictionaryCompressed,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = BuildStatistics(),
            EncodingStats = PageStatistics(),
        };
        ResetChunkState();
        return new ColumnChunk { FileOffset = start, MetaData = meta };
    }

    public virtual void Dispose()
    {
        _pages.Dispose();
        _dictionaryPage.Dispose();
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

    /// <summary>Drops rows appended since the last page was emitted (an aborted file's tail).</summary>
    protected abstract void DiscardPendingPage();

    /// <summary>Writes levels with the V1 4-byte length prefix.</summary>
    protected void WriteLevels(ReadOnlySpan<byte> levels, int maxLevel)
    {
        var prefixAt = PageBody.Length;
        PageBody.WriteInt32LittleEndian(0);
        RleHybridEncoder.Encode(levels, RleHybridEncoder.BitWidth((uint)maxLevel), PageBody);
        PageBody.PatchInt32LittleEndian(prefixAt, PageBody.Length - prefixAt - 4);
    }

    /// <summary>Compresses <see cref="PageBody"/> into a data page of <paramref name="numValues"/> level entries.</summary>
    /// <param name="numValues">Level entries (rows) of the page.</param>
    /// <param name="encoding">The values' encoding.</param>
    /// <param name="values8At">Where PLAIN 8-byte values start in the body (to its end), or -1: lets Snappy probe only at value starts.</param>
    protected void EmitDataPage(int numValues, ParquetEncoding encoding, int values8At = -1)
    {
        var header = _dataPageHeader;
        header.DataPageHeader!.NumValues = numValues;
        header.DataPageHeader.Encoding = encoding;
        var (headerLength, bodyLength) = AppendPage(header, _pages, values8At);
        _totalUncompressed += headerLength + header.UncompressedPageSize;
        _totalCompressed += headerLength + bodyLength;
        _numValues += numValues;
        _usedEncodings |= 1 << (int)encoding;
        if (Leaf.MaxDefinitionLevel > 0 || Leaf.MaxRepetitionLevel > 0)
        {
            _usedEncodings |= 1 << (int)ParquetEncoding.Rle;
        }

        _dataPagesByEncoding[(int)encoding]++;
    }

    /// <summary>Writes a PLAIN dictionary page from <paramref name="plainValues"/> (must be called once, before the chunk is written).</summary>
    /// <param name="plainValues">The entries, PLAIN.</param>
    /// <param name="count">How many entries.</param>
    /// <param name="values8">Whether the entries are 8-byte values (Snappy then probes only at value starts, as for PLAIN pages).</param>
    protected void EmitDictionaryPage(ReadOnlySpan<byte> plainValues, int count, bool values8 = false)
    {
        PageBody.Clear();
        PageBody.Write(plainValues);
        var header = _dictionaryPageHeader;
        header.DictionaryPageHeader!.NumValues = count;
        var (headerLength, bodyLength) = AppendPage(header, _dictionaryPage, values8 ? 0 : -1);
        _dictionaryUncompressed = headerLength + header.UncompressedPageSize;
        _dictionaryCompressed = headerLength + bodyLength;
        _usedEncodings |= 1 << (int)ParquetEncoding.Plain;
        _dictionaryPages++;
    }

    private (int HeaderLength, int BodyLength) AppendPage(PageHeader header, ByteBuffer target, int values8At = -1)
    {
        header.UncompressedPageSize = PageBody.Length;
        if (_codec == CompressionCodec.Uncompressed)
        {
            header.CompressedPageSize = PageBody.Length;
            WriteHeader(header);
            target.Write(_header.WrittenSpan);
            target.Write(PageBody.WrittenSpan);
        }
        else
        {
            // Compress straight into the chunk after room for the largest header, then slide the body up to the
            // real header: no per-column compression buffer (it cost 128 KiB per column) and no extra copy.
            var start = target.Length;
            target.GetSpan(MaxPageHeaderBytes);
            target.Advance(MaxPageHeaderBytes);
            var bodyLength = PageCompressor.Compress(_codec, PageBody.WrittenSpan, target, values8At);
            header.CompressedPageSize = bodyLength;
            WriteHeader(header);
            target.Move(start + MaxPageHeaderBytes, start + _header.Length, bodyLength);
            _header.WrittenSpan.CopyTo(target.Slice(start, _header.Length));
            target.Truncate(start + _header.Length + bodyLength);
        }

        PageBody.Clear();
        return (_header.Length, header.CompressedPageSize);
    }

    private void WriteHeader(PageHeader header)
    {
        _header.Clear();
        header.Write(_headerWriter);
        if (_header.Length > MaxPageHeaderBytes)
        {
            throw new InvalidOperationException($"A page header took {_header.Length} bytes, more than the {MaxPageHeaderBytes} reserved.");
        }
    }

    /// <summary>The chunk's encodings in ascending thrift order.</summary>
    private List<ParquetEncoding> UsedEncodings()
    {
        var list = new List<ParquetEncoding>(4);
        for (var e = 0; e < EncodingSlots; e++)
        {
            if ((_usedEncodings & (1 << e)) != 0)
            {
                list.Add((ParquetEncoding)e);
            }
        }

        return list;
    }

    /// <summary>encoding_stats: the dictionary page first, then data pages by ascending encoding.</summary>
    private List<PageEncodingStats> PageStatistics()
    {
        var list = new List<PageEncodingStats>(3);
        if (_dictionaryPages > 0)
        {
            list.Add(new PageEncodingStats { PageType = PageType.DictionaryPage, Encoding = ParquetEncoding.Plain, Count = _dictionaryPages });
        }

        for (var e = 0; e < EncodingSlots; e++)
        {
            if (_dataPagesByEncoding[e] > 0)
            {
                list.Add(new PageEncodingStats { PageType = PageType.DataPage, Encoding = (ParquetEncoding)e, Count = _dataPagesByEncoding[e] });
            }
        }

        return list;
    }

    private void ResetChunkState()
    {
        _pages.Clear();
        _dictionaryPage.Clear();
        _usedEncodings = 0;
        _dictionaryPages = 0;
        Array.Clear(_dataPagesByEncoding);
        _numValues = 0;
        _totalUncompressed = 0;
        _totalCompressed = 0;
        _dictionaryUncompressed = 0;
        _dictionaryCompressed = 0;
        ResetChunk();
    }
}
