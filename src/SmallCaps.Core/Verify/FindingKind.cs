namespace SmallCaps.Core.Verify;

/// <summary>What a verify finding is about. Ordered roughly from the most to the least serious.</summary>
public enum FindingKind
{
    /// <summary>The ledger database is missing or cannot be read.</summary>
    LedgerUnreadable,

    /// <summary>A done task's file is absent.</summary>
    MissingFile,

    /// <summary>A done task's file has another size than recorded (truncated or appended to).</summary>
    SizeMismatch,

    /// <summary>A done task's file has another SHA-256 than recorded (bytes changed).</summary>
    HashMismatch,

    /// <summary>The file is not a readable Parquet file (footer, pages, schema).</summary>
    UnreadableFile,

    /// <summary>A bar file's column has another type, logical type or timestamp unit than the lake's bar schema.</summary>
    SchemaMismatch,

    /// <summary>Footer facts disagree with the data (row counts, statistics).</summary>
    InconsistentMetadata,

    /// <summary>The file holds another number of rows or another first/last bar than the ledger recorded.</summary>
    LedgerMismatch,

    /// <summary>Bars out of time order, or files of one ticker overlapping.</summary>
    Unsorted,

    /// <summary>Two bars with the same timestamp.</summary>
    DuplicateTimestamp,

    /// <summary>Prices out of order (low above open/close or high below them), not finite, or negative volume.</summary>
    OhlcViolation,

    /// <summary>The stored session_date is not the New York date of t, or the ticker column names another ticker.</summary>
    WrongSessionDate,

    /// <summary>A session inside the active span and the fetched windows without a daily bar.</summary>
    MissingSession,

    /// <summary>A session with a daily bar but no minute bars (inside the fetched minute windows).</summary>
    MissingMinuteSession,

    /// <summary>Bars dated on a day the NYSE was closed.</summary>
    BarsOnClosedDay,

    /// <summary>The daily bar disagrees with the day's minute bars (volume, high, low).</summary>
    DailyMinuteMismatch,

    /// <summary>Adjusted bars fetched before a split that now applies to them.</summary>
    StaleSplit,

    /// <summary>A task the ledger does not count as settled (failed, pending, running, not entitled).</summary>
    UnfinishedTask,

    /// <summary>A temporary or partial file left in the lake.</summary>
    TempFile,

    /// <summary>A file in a dataset folder that no done task accounts for.</summary>
    OrphanFile,
}
