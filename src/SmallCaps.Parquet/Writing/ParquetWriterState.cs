namespace SmallCaps.Parquet;

/// <summary>Lifecycle of a <see cref="ParquetFileWriter"/>.</summary>
public enum ParquetWriterState
{
    /// <summary>Accepting batches.</summary>
    Open,

    /// <summary>Footer written; the file is valid.</summary>
    Completed,

    /// <summary>Disposed without completing: no footer was written (and a temporary file was deleted).</summary>
    Aborted,

    /// <summary>A write failed; the writer accepts nothing more and disposing it aborts.</summary>
    Faulted,
}
