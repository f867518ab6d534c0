namespace SmallCaps.Core.Ledger;

/// <summary>One row of the tasks table.</summary>
public sealed record LedgerTask
{
    /// <summary>Row id.</summary>
    public required long Id { get; init; }

    /// <summary>Identity.</summary>
    public required TaskKey Key { get; init; }

    /// <summary>Current state.</summary>
    public required TaskState State { get; init; }

    /// <summary>How many times a run started this task.</summary>
    public int Attempts { get; init; }

    /// <summary>Reason of the last failure, never holding the key.</summary>
    public string? LastError { get; init; }

    /// <summary>Bars written.</summary>
    public long Rows { get; init; }

    /// <summary>File size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public string? Sha256 { get; init; }

    /// <summary>First bar start (Unix ms UTC).</summary>
    public long? FirstT { get; init; }

    /// <summary>Last bar start (Unix ms UTC).</summary>
    public long? LastT { get; init; }

    /// <summary>File path relative to the outdir, '/' separated.</summary>
    public string? FilePath { get; init; }

    /// <summary>Request parameter adjusted.</summary>
    public bool Adjusted { get; init; }

    /// <summary>Request parameter timespan (day, minute).</summary>
    public string Timespan { get; init; } = string.Empty;

    /// <summary>
    /// When a done task's bars were asked of the vendor (a merged window: its oldest source's). A row written before the
    /// ledger kept it reads the ledger's first run start (its bars can be no older; a merge since may have rewritten
    /// <c>updated_at</c>), or when the row last changed when no run is recorded.
    /// </summary>
    public DateTimeOffset FetchedAt { get; init; }
}
