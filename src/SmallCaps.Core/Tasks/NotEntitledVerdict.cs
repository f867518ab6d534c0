namespace SmallCaps.Core.Tasks;

/// <summary>What a 403 means for a dataset: the task settles as not-entitled, and maybe the run stops.</summary>
/// <param name="Reason">Kept in the ledger (and as the run's fatal error when it stops).</param>
/// <param name="StopsRun">True when asking for any other task cannot help (the plan lacks the whole dataset).</param>
internal readonly record struct NotEntitledVerdict(string Reason, bool StopsRun);
