using System.Globalization;
using System.Security.Cryptography;

namespace SmallCaps.Core.Verify;

/// <summary>A done task's file against the ledger: present, same size, same SHA-256.</summary>
internal static class FileIntegrityCheck
{
    /// <summary>True when the file exists (its bytes may still be wrong: see findings).</summary>
    public static bool Run(string fullPath, LedgerEntry entry, FindingSink sink, ref long bytesHashed)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            sink.Add(new Finding(FindingKind.MissingFile, entry.Dataset, entry.Ticker, entry.FilePath, entry.WindowStart, $"the ledger marks this window done ({entry.Rows} rows, {entry.Bytes} bytes) but the file is missing"));
            return false;
        }

        if (info.Length != entry.Bytes)
        {
            var how = info.Length < entry.Bytes ? "truncated" : "grown";
            sink.Add(new Finding(FindingKind.SizeMismatch, entry.Dataset, entry.Ticker, entry.FilePath, entry.WindowStart, string.Create(CultureInfo.InvariantCulture, $"{how}: {info.Length} bytes on disk, the ledger recorded {entry.Bytes}")));
            return true;
        }

        if (entry.Sha256 is null)
        {
            return true;
        }

        var actual = Sha256Hex(fullPath);
        bytesHashed += info.Length;
        if (!string.Equals(actual, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            sink.Add(new Finding(FindingKind.HashMismatch, entry.Dataset, entry.Ticker, entry.FilePath, entry.WindowStart, $"content changed: sha256 {actual}, the ledger recorded {entry.Sha256}"));
        }

        return true;
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256Hex(string path)
    {
        using var stream = Input.SharedRead.Open(path, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
