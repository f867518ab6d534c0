namespace SmallCaps.Core.Verify;

/// <summary>What checking one ticker read, and its coverage cells.</summary>
internal sealed record TickerCheckResult(IReadOnlyList<CoverageCell> Cells, int Files, long Bytes, long Rows);
