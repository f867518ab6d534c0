using System.Reflection;

namespace SmallCaps.Parquet;

/// <summary>Settings of a <see cref="ParquetFileWriter"/>. Every default is chosen for DuckDB, polars, pyarrow and Spark.</summary>
public sealed class ParquetWriterOptions
{
    private int _rowGroupRows = 262_144;
    private int _pageRows = 20_000;
    private int _pageBytes = 1 << 20;
    private int _dictionaryPageLimitBytes = 1 << 20;
    private string _createdBy = DefaultCreatedBy;
    private IDictionary<string, string> _keyValueMetadata = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The <c>created_by</c> string of this build: <c>smallcaps version X.Y.Z (build H)</c>, H being the commit hash or <c>dev</c>.</summary>
    public static string DefaultCreatedBy { get; } = BuildCreatedBy();

    /// <summary>Page compression.</summary>
    /// <value>The default value is <see cref="ParquetCompression.Snappy"/>.</value>
    public ParquetCompression Compression { get; set; } = ParquetCompression.Snappy;

    /// <summary>
    /// Rows per row group (1 to 16,777,216). Readers parallelise per row group and slow down badly under
    /// about 5K rows; the writer buffers one encoded row group in memory, so this bounds its memory.
    /// </summary>
    /// <value>The default value is 262,144 rows (polars' default; tens of MB of buffered pages for bar data).</value>
    public int RowGroupRows
    {
        get => _rowGroupRows;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1 << 24);
            _rowGroupRows = value;
        }
    }

    /// <summary>Most rows (for lists: level entries) in one data page (1 to 1,048,576).</summary>
    /// <value>The default value is 20,000.</value>
    public int PageRows
    {
        get => _pageRows;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1 << 20);
            _pageRows = value;
        }
    }

    /// <summary>A page is closed once its encoded values reach about this many bytes (1 KiB to 64 MiB).</summary>
    /// <value>The default value is 1 MiB.</value>
    public int PageBytes
    {
        get => _pageBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1024);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64 << 20);
            _pageBytes = value;
        }
    }

    /// <summary>
    /// Once a chunk's string dictionary grows past this size, the rest of the chunk is written PLAIN
    /// (0 to 64 MiB; 0 disables dictionaries).
    /// </summary>
    /// <value>The default value is 1 MiB.</value>
    public int DictionaryPageLimitBytes
    {
        get => _dictionaryPageLimitBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64 << 20);
            _dictionaryPageLimitBytes = value;
        }
    }

    /// <summary>File-level key-value metadata written to the footer (sorted by key).</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, string> KeyValueMetadata
    {
        get => _keyValueMetadata;
        set => _keyValueMetadata = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The footer's <c>created_by</c>.</summary>
    /// <value>The default value is <see cref="DefaultCreatedBy"/>, e.g. <c>smallcaps version 0.1.0 (build dev)</c>.</value>
    public string CreatedBy
    {
        get => _createdBy;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _createdBy = value;
        }
    }

    private static string BuildCreatedBy()
    {
        var assembly = typeof(ParquetWriterOptions).Assembly;
        var info = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = info.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? info : info[..plus];
        var hash = plus < 0 ? "dev" : info[(plus + 1)..];
        if (hash.Length > 12)
        {
            hash = hash[..12];
        }

        return $"smallcaps version {version} (build {(hash.Length == 0 ? "dev" : hash)})";
    }
}
