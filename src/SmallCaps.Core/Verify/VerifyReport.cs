namespace SmallCaps.Core.Verify;

/// <summary>Everything verify found, what it covered, and the coverage map's cells.</summary>
/// <param name="Outdir">The lake checked.</param>
/// <param name="Findings">Problems, most serious kinds first.</param>
/// <param name="Totals">What was read.</param>
/// <param name="Coverage">One cell per ticker and year with expected sessions.</param>
public sealed record VerifyReport(string Outdir, IReadOnlyList<Finding> Findings, VerifyTotals Totals, IReadOnlyList<CoverageCell> Coverage)
{
    /// <summary>No finding at all.</summary>
    public bool IsClean => Findings.Count == 0;

    /// <summary>Findings per kind (kinds without findings are absent).</summary>
    public IReadOnlyDictionary<FindingKind, int> CountsByKind() =>
        Findings.GroupBy(f => f.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
}
