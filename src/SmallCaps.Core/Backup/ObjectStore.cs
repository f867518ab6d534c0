using System.Security.Cryptography;

namespace SmallCaps.Core.Backup;

/// <summary>
/// The content-addressed store shared by snapshots: a file is copied once, named by its SHA-256,
/// and never rewritten. Works the same on NTFS and POSIX (no hard links needed).
/// </summary>
internal sealed class ObjectStore(string root)
{
    private const int BufferSize = 1 << 20;

    public string Root { get; } = root;

    public bool Has(string sha256, long size)
    {
        var info = new FileInfo(BackupLayout.ObjectPath(Root, sha256));
        return info.Exists && info.Length == size;
    }

    public string PathOf(string sha256) => BackupLayout.ObjectPath(Root, sha256);

    /// <summary>Copies a source file into the store while hashing it; returns its digest, size and whether bytes were written.</summary>
    public (string Sha256, long Size, bool Copied) Put(string sourcePath, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $"{BackupLayout.TempPrefix}{Guid.NewGuid():N}");
        try
        {
            long size;
            string sha;
            using (var source = OpenRead(sourcePath))
            using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                (sha, size) = CopyHashing(source, target, ct);
                target.Flush(flushToDisk: true);
            }

            var final = PathOf(sha);
            if (Has(sha, size))
            {
                File.Delete(temp);
                return (sha, size, false);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(temp, final, overwrite: true);
            return (sha, size, true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Stores a file only if its content is new; the source is read once either way.</summary>
    public (string Sha256, long Size, bool Copied) PutIfNew(string sourcePath, string? expectedSha256, long expectedSize, CancellationToken ct)
    {
        if (expectedSha256 is not null && Has(expectedSha256, expectedSize))
        {
            // Known content: hash to confirm it is still the same bytes, without writing.
            var (sha, size) = HashFile(sourcePath, ct);
            if (sha == expectedSha256)
            {
                return (sha, size, false);
            }
        }

        return Put(sourcePath, ct);
    }

    public static (string Sha256, long Size) HashFile(string path, CancellationToken ct)
    {
        using var source = OpenRead(path);
        return CopyHashing(source, null, ct);
    }

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize, FileOptions.SequentialScan);

    public static (string Sha256, long Size) CopyHashing(Stream source, Stream? target, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            int read;
            while ((read = source.Read(buffer, 0, BufferSize)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                target?.Write(buffer, 0, read);
                size += read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
