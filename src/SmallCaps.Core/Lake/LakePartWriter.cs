using SmallCaps.Core.Ledger;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Lake;

/// <summary>
/// One lake file being written: a hidden temp file, hashed as it is written, published under its final
/// name only by <see cref="CommitAsync"/> (complete, fsync, rename, directory fsync). Disposing without
/// committing deletes the temp file, so readers never see a partial file.
/// </summary>
internal sealed class LakePartWriter : IDisposable
{
    private readonly string _relativePath;
    private readonly string _finalPath;
    private readonly string _tempPath;
    private readonly HashingWriteStream _stream;
    private readonly ParquetFileWriter _writer;
    private bool _finished;
    private bool _sealed;

    /// <summary>Opens the temp file; <paramref name="buffers"/> (a worker's own, one open file at a time) spare the encoders' allocations.</summary>
    public LakePartWriter(string outdir, string relativePath, ParquetSchema schema, ParquetWriterOptions options, ParquetWriteBuffers? buffers = null)
    {
        _relativePath = relativePath;
        _finalPath = LakeLayout.FullPath(outdir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(_finalPath)!);
        _tempPath = LakeLayout.TempPathFor(_finalPath);
        // Unbuffered: the writer hands over whole column chunks, and a 64 KiB buffer per file would outlive gen0 and
        // pile up in gen2 over a long run (RSS creeping with the length of the history).
        var file = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        _stream = new HashingWriteStream(file);
        try
        {
            _writer = buffers is null ? ParquetFileWriter.Create(_stream, schema, options) : ParquetFileWriter.Create(_stream, schema, options, buffers);
        }
        catch
        {
            _stream.Dispose();
            file.Dispose();
            File.Delete(_tempPath);
            throw;
        }
    }

    /// <summary>Encodes a batch; rows go out in row groups as they fill.</summary>
    public ValueTask WriteAsync(ColumnBatch batch, CancellationToken cancellationToken) => _writer.WriteAsync(batch, cancellationToken);

    /// <summary>The hidden temp file being written (absolute).</summary>
    public string TempPath => _tempPath;

    /// <summary>Finishes the file, makes it durable and publishes it; only then may the ledger call it done.</summary>
    public async Task<CommittedFile> CommitAsync(long rows, long firstT, long lastT, CancellationToken cancellationToken)
    {
        var file = await SealAsync(rows, firstT, lastT, cancellationToken);
        Publish();
        return file;
    }

    /// <summary>
    /// Finishes the file and makes it durable under its temp name, still hidden from readers; <see cref="Publish"/>
    /// renames it. Between the two a caller can journal what the rename will replace.
    /// </summary>
    public async Task<CommittedFile> SealAsync(long rows, long firstT, long lastT, CancellationToken cancellationToken)
    {
        await _writer.CompleteAsync(cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        _stream.Inner.Flush(flushToDisk: true);
        var bytes = _stream.Inner.Length;
        var sha = _stream.FinishHash();
        _writer.Dispose();
        _stream.Inner.Dispose();
        _stream.Dispose();
        _sealed = true;
        return new CommittedFile(_relativePath, rows, bytes, sha, firstT, lastT);
    }

    /// <summary>Publishes a sealed file: rename to the final name, then fsync the folder so the rename survives a crash.</summary>
    public void Publish()
    {
        if (!_sealed || _finished)
        {
            throw new InvalidOperationException("Only a sealed, unpublished file can be published.");
        }

        File.Move(_tempPath, _finalPath, overwrite: true);
        _finished = true;
        DirectorySync.Flush(Path.GetDirectoryName(_finalPath)!);
    }

    /// <summary>Aborts an uncommitted file: the temp file is deleted.</summary>
    public void Dispose()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (_sealed)
        {
            // Sealed but never published: the streams are closed already.
            File.Delete(_tempPath);
            return;
        }

        try
        {
            _writer.Dispose();
        }
        finally
        {
            _stream.Inner.Dispose();
            _stream.Dispose();
            File.Delete(_tempPath);
        }
    }
}
