using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>What verify and backup need of one ledger task (read through <see cref="LedgerView"/>).</summary>
/// <param name="Dataset">Dataset folder name.</param>
/// <param name="Ticker">Ticker.</param>
/// <param name="WindowStart">First date of the window.</param>
/// <param name="WindowEnd">Last date of the window (inclusive).</param>
/// <param name="State">Stored state name (<c>done</c>, <c>failed</c>...).</param>
/// <param name="LastError">Reason of the last failure.</param>
/// <param name="Rows">Rows recorded.</param>
/// <param name="Bytes">File size recorded.</param>
/// <param name="Sha256">Lower-case hex digest recorded.</param>
/// <param name="FirstT">First bar start recorded (Unix ms).</param>
/// <param name="LastT">Last bar start recorded (Unix ms).</param>
/// <param name="FilePath">File relative to the outdir, '/' separated.</param>
/// <param name="Adjusted">Split-adjusted request.</param>
/// <param name="FetchedAt">When a done task's bars were fetched (a merged window: its oldest source's); for a ledger older than that record, its first run's start.</param>
public sealed record LedgerEntry(
    string Dataset,
    string Ticker,
    LocalDate WindowStart,
    LocalDate WindowEnd,
    string State,
    string? LastError,
    long Rows,
    long Bytes,
    string? Sha256,
    long? FirstT,
    long? LastT,
    string? FilePath,
    bool Adjusted,
    Instant? FetchedAt)
{
    /// <summary>Not a ledger row: a data file found on disk while the ledger could not be read.</summary>
    public bool IsUnrecorded { get; init; }

    /// <summary>A committed file stands behind this task.</summary>
    public bool IsDone => State == "done";

    /// <summary>The window is settled without a file (the vendor had no bars, or no such ticker).</summary>
    public bool IsSettledWithoutFile => State is "empty" or "not-found";
}
