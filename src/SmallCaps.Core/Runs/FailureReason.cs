namespace SmallCaps.Core.Runs;

/// <summary>A failure reason and how many tasks it affects.</summary>
/// <param name="Reason">The ledger's last_error (never holds the key).</param>
/// <param name="Count">Tasks failed with it.</param>
internal sealed record FailureReason(string Reason, int Count);
