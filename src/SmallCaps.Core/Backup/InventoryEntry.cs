namespace SmallCaps.Core.Backup;

/// <summary>One file of a snapshot.</summary>
/// <param name="Path">Path relative to the source root, '/' separated.</param>
/// <param name="Size">Bytes.</param>
/// <param name="ModifiedUtc">Last write time (UTC) of the source file.</param>
/// <param name="Sha256">Lower-case hex digest: also the object's name.</param>
public sealed record InventoryEntry(string Path, long Size, DateTime ModifiedUtc, string Sha256);
