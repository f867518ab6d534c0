namespace SmallCaps.Core.Verify;

/// <summary>Stable kebab-case names of <see cref="FindingKind"/> for JSON, tables and scripts.</summary>
public static class FindingKindNames
{
    /// <summary>The stable name, e.g. <c>hash-mismatch</c>.</summary>
    public static string ToName(this FindingKind kind) => kind switch
    {
        FindingKind.LedgerUnreadable => "ledger-unreadable",
        FindingKind.MissingFile => "missing-file",
        FindingKind.SizeMismatch => "size-mismatch",
        FindingKind.HashMismatch => "hash-mismatch",
        FindingKind.UnreadableFile => "unreadable-file",
        FindingKind.SchemaMismatch => "schema-mismatch",
        FindingKind.InconsistentMetadata => "inconsistent-metadata",
        FindingKind.LedgerMismatch => "ledger-mismatch",
        FindingKind.Unsorted => "unsorted",
        FindingKind.DuplicateTimestamp => "duplicate-timestamp",
        FindingKind.OhlcViolation => "ohlc-violation",
        FindingKind.WrongSessionDate => "wrong-session-date",
        FindingKind.MissingSession => "missing-session",
        FindingKind.MissingMinuteSession => "missing-minute-session",
        FindingKind.BarsOnClosedDay => "bars-on-closed-day",
        FindingKind.DailyMinuteMismatch => "daily-minute-mismatch",
        FindingKind.StaleSplit => "stale-split",
        FindingKind.UnfinishedTask => "unfinished-task",
        FindingKind.TempFile => "temp-file",
        FindingKind.OrphanFile => "orphan-file",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
