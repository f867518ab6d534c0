namespace SmallCaps.Parquet;

/// <summary>
/// A Parquet file (or a part of one) is malformed, truncated, hostile or uses a feature this engine
/// cannot handle. The message names the file when known and says what is wrong.
/// </summary>
public sealed class ParquetFormatException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ParquetFormatException()
        : base("The Parquet data is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ParquetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ParquetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a named file; the file name prefixes the message.</summary>
    public ParquetFormatException(string? fileName, string message, Exception? innerException = null)
        : base(fileName is null ? message : $"{fileName}: {message}", innerException)
    {
        FileName = fileName;
    }

    /// <summary>The file (or source) the problem was found in, when known.</summary>
    public string? FileName { get; }
}
