namespace SmallCaps.Core.Ingest;

/// <summary>What the merge step at the end of a run did.</summary>
/// <param name="Partitions">Merged files written (one per partition merged).</param>
/// <param name="Files">Window files they replaced.</param>
/// <param name="Skipped">Partitions left as they were (a file missing or changed: verify tells more).</param>
public sealed record MergeTally(int Partitions, int Files, int Skipped);
