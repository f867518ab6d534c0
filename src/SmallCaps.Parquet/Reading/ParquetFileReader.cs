using SmallCaps.Parquet.Format;
using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet;

/// <summary>
/// Reads Parquet files: the footer on open, then whole column chunks on demand. Hostile input fails
/// with <see cref="ParquetFormatException"/> naming the file: the magic at both ends and the footer
/// length are checked before anything else is read, and every offset, length and count is bounded by
/// the file size before allocating. Column reads may run concurrently when opened from a path.
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private const int MagicLength = 4;
    private readonly ParquetByteSource _source;
    private readonly FileMetaData _metadata;
    private readonly long _dataEnd;
    private readonly int _maxValuesPerChunk;

    private ParquetFileReader(ParquetByteSource source, string displayName)
    {
        _source = source;
        DisplayName = displayName;
        var length = source.Length;
        try
        {
            if (length < 12)
            {
                throw CorruptData.Error($"file of {length} bytes is too short to be Parquet");
            }

            Span<byte> head = stackalloc byte[MagicLength];
            source.Read(0, head);
            if (!head.SequenceEqual("PAR1"u8))
            {
                throw CorruptData.Error("file does not start with the PAR1 magic");
            }

            Span<byte> tail = stackalloc byte[8];
            source.Read(length - 8, tail);
            var footerLength = FileMetaData.FooterLength(tail, length);
            _dataEnd = length - 8 - footerLength;
            var footer = new byte[footerLength];
            source.Read(_dataEnd, footer);
            _metadata = FileMetaData.Read(new CompactReader(footer));
            if (_metadata.HasEncryptionAlgorithm)
            {
                throw CorruptData.Error("file is encrypted, which is not supported");
            }

            // A value takes at least a bit on disk except in RLE runs; this bound admits any real file while refusing absurd counts.
            _maxValuesPerChunk = (int)Math.Min(Array.MaxLength, Math.Max(1L << 22, length * 64));
            var chains = new List<SchemaElement[]>();
            Columns = SchemaResolver.Resolve(_metadata.Schema, chains);
            RowGroups = BuildRowGroups();
            for (var i = 0; i < Columns.Count; i++)
            {
                var usesDictionary = RowGroups.Count > 0 && RowGroups[0].Columns[i].UsesDictionary;
                var encodings = RowGroups.Count > 0 ? _metadata.RowGroups[0].Columns[i].MetaData?.Encodings : null;
                Columns[i].Spec = ColumnSpecMapper.Map(Columns[i], chains[i], usesDictionary, encodings);
            }

            RowCount = RowGroups.Sum(g => g.RowCount);
            KeyValueMetadata = (_metadata.KeyValueMetadata ?? [])
                .GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Value ?? string.Empty, StringComparer.Ordinal);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            throw Wrap(ex, "cannot read the footer");
        }
    }

    /// <summary>Name used in error messages (the path, or what the caller passed).</summary>
    public string DisplayName { get; }

    /// <summary>Leaf columns in file order.</summary>
    public IReadOnlyList<ParquetColumnInfo> Columns { get; } = [];

    /// <summary>Rows in all row groups.</summary>
    public long RowCount { get; }

    /// <summary>Number of row groups.</summary>
    public int RowGroupCount => RowGroups.Count;

    /// <summary>Row groups with their chunk metadata and statistics.</summary>
    public IReadOnlyList<ParquetRowGroupInfo> RowGroups { get; } = [];

    /// <summary>File-level key/value metadata (the last value wins for repeated keys).</summary>
    public IReadOnlyDictionary<string, string> KeyValueMetadata { get; } = new Dictionary<string, string>();

    /// <summary>The writer's created_by string, when present.</summary>
    public string? CreatedBy => _metadata.CreatedBy;

    /// <summary>Opens a file for reading; the footer is read and validated now.</summary>
    public static ParquetFileReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // FileShare.Delete lets the lake delete a merged-away file while it is read (on Windows its name stays taken until this closes).
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.RandomAccess);
        var source = new ParquetByteSource.FromFile(handle);
        try
        {
            return new ParquetFileReader(source, path);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Opens a seekable stream (left open on dispose); <paramref name="displayName"/> names it in errors.</summary>
    public static ParquetFileReader Open(Stream seekableStream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(seekableStream);
        if (!seekableStream.CanSeek || !seekableStream.CanRead)
        {
            throw new ArgumentException("The stream must be readable and seekable.", nameof(seekableStream));
        }

        return new ParquetFileReader(new ParquetByteSource.FromStream(seekableStream), displayName);
    }

    /// <summary>Decodes one column chunk.</summary>
    public ColumnData ReadColumn(int rowGroup, int column, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, RowGroups.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns.Count);
        var info = Columns[column];
        try
        {
            var group = _metadata.RowGroups[rowGroup];
            return ColumnChunkReader.Read(_source, _dataEnd, info, group.Columns[column], group.NumRows, _maxValuesPerChunk, ct);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            throw Wrap(ex, $"row group {rowGroup}, column '{info.Path}'");
        }
    }

    /// <summary>Reads a column of every row group, concatenated (for small files); <paramref name="name"/> is resolved by <see cref="IndexOf"/>.</summary>
    public ColumnData ReadColumn(string name, CancellationToken ct = default)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException($"{DisplayName} has no column '{name}'.", nameof(name));
        }

        var parts = new List<ColumnData>(RowGroups.Count);
        for (var g = 0; g < RowGroups.Count; g++)
        {
            parts.Add(ReadColumn(g, index, ct));
        }

        return ColumnDataConcatenation.Concat(Columns[index], parts);
    }

    /// <summary>Index of the column with this dotted path, leaf name, spec name or (when it has a single leaf) top-level field name; -1 if none.</summary>
    public int IndexOf(string name)
    {
        for (var pass = 0; pass < 3; pass++)
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                var c = Columns[i];
                var candidate = pass switch { 0 => c.Path, 1 => c.Name, _ => c.Spec?.Name };
                if (string.Equals(candidate, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        var underField = Columns.Where(c => string.Equals(c.PathSegments[0], name, StringComparison.Ordinal)).ToList();
        return underField.Count == 1 ? underField[0].Index : -1;
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();

    private static bool IsCorruption(Exception ex) =>
        ex is ParquetFormatException or OverflowException or IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidCastException or EndOfStreamException;

    private ParquetFormatException Wrap(Exception ex, string where)
    {
        var message = ex is ParquetFormatException p && p.FileName is not null && p.Message.StartsWith(p.FileName, StringComparison.Ordinal)
            ? p.Message[(p.FileName.Length + 2)..]
            : ex.Message;
        return new ParquetFormatException(DisplayName, $"{where}: {message}", ex);
    }

    private List<ParquetRowGroupInfo> BuildRowGroups()
    {
        var groups = new List<ParquetRowGroupInfo>(_metadata.RowGroups.Count);
        for (var g = 0; g < _metadata.RowGroups.Count; g++)
        {
            var group = _metadata.RowGroups[g];
            if (group.NumRows < 0)
            {
                throw CorruptData.Error($"row group {g} declares {group.NumRows} rows");
            }

            if (group.Columns.Count != Columns.Count)
            {
                throw CorruptData.Error($"row group {g} has {group.Columns.Count} column chunks for {Columns.Count} leaf columns");
            }

            var chunks = new List<ParquetColumnChunkInfo>(Columns.Count);
            for (var c = 0; c < Columns.Count; c++)
            {
                var meta = group.Columns[c].MetaData ?? throw CorruptData.Error($"row group {g} column {c} has no metadata");
                chunks.Add(new ParquetColumnChunkInfo
                {
                    Column = Columns[c],
                    Codec = EncodingNames.Of(meta.Codec),
                    Encodings = meta.Encodings.Select(EncodingNames.Of).ToArray(),
                    ValueCount = meta.NumValues,
                    CompressedSize = meta.TotalCompressedSize,
                    UncompressedSize = meta.TotalUncompressedSize,
                    DataPageOffset = meta.DataPageOffset,
                    DictionaryPageOffset = meta.DictionaryPageOffset,
                    UsesDictionary = meta.Encodings.Any(e => e is ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary),
                    Statistics = StatisticsDecoder.Decode(meta.Statistics, Columns[c]),
                });
            }

            groups.Add(new ParquetRowGroupInfo
            {
                Index = g,
                RowCount = group.NumRows,
                CompressedSize = chunks.Sum(c => c.CompressedSize),
                Columns = chunks,
            });
        }

        return groups;
    }
}
