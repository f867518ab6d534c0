using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>
/// One problem found by verify. Row-level problems of one file are folded into one finding per
/// kind with <see cref="Count"/> occurrences and the first one described.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Dataset">Dataset folder (e.g. <c>bars_1m</c>), when known.</param>
/// <param name="Ticker">Ticker, when known.</param>
/// <param name="Path">File path relative to the outdir, '/' separated, when the finding is about a file.</param>
/// <param name="Date">Session or window date the finding belongs to (places it on the coverage map).</param>
/// <param name="Detail">One line saying why, naming values.</param>
/// <param name="Count">Occurrences folded into this finding.</param>
public sealed record Finding(FindingKind Kind, string? Dataset, string? Ticker, string? Path, LocalDate? Date, string Detail, long Count = 1);
