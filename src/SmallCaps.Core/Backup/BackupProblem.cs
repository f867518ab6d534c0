namespace SmallCaps.Core.Backup;

/// <summary>A file a backup command could not take, keep or restore as it should.</summary>
/// <param name="Path">Path relative to the source (or restored) root.</param>
/// <param name="Reason">One line saying why.</param>
public sealed record BackupProblem(string Path, string Reason);
