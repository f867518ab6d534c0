using System.Text;

namespace SmallCaps.Core.Input;

/// <summary>
/// Opens files that other programs may hold (Excel keeps an open CSV writable; DuckDB and polars read the lake; the
/// ingest deletes merged files): reading allows their writes and deletes, which Windows refuses otherwise.
/// </summary>
public static class SharedRead
{
    private const FileShare Others = FileShare.ReadWrite | FileShare.Delete;

    /// <summary>A read-only stream that does not lock the file against other writers or deletes.</summary>
    public static FileStream Open(string path, int bufferSize = 1 << 16, FileOptions options = FileOptions.SequentialScan) =>
        new(path, FileMode.Open, FileAccess.Read, Others, bufferSize, options);

    /// <summary>A text reader (UTF-8 unless a byte order mark says otherwise) over <see cref="Open"/>.</summary>
    public static StreamReader Text(string path) => new(Open(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    /// <summary>The whole file as text.</summary>
    public static string AllText(string path)
    {
        using var reader = Text(path);
        return reader.ReadToEnd();
    }
}
