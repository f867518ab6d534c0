using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Adjacent settled windows of one partition (a ticker, and a year for minute bars) holding at least two files:
/// they become one file for <see cref="Merged"/>, the first source's start to the last one's end.
/// </summary>
/// <param name="Merged">The window of the merged file.</param>
/// <param name="Sources">The windows it replaces, in date order (done ones with a file, empty ones without).</param>
internal sealed record MergeCandidate(TaskKey Merged, IReadOnlyList<LedgerTask> Sources)
{
    /// <summary>The sources that have a file.</summary>
    public IEnumerable<LedgerTask> Files => Sources.Where(s => s.State == TaskState.Done);
}
