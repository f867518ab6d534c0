using SmallCaps.Core.Ledger;
using SmallCaps.Core.Manifest;

namespace SmallCaps.Core.Ticks;

/// <summary>One unit of tick work: a ticker and session (the ledger key, window start = end = session) and its manifest windows, ascending.</summary>
/// <param name="Key">Ledger identity.</param>
/// <param name="Windows">Disjoint windows of that session, ascending.</param>
public sealed record TickTask(TaskKey Key, IReadOnlyList<ManifestWindow> Windows);
