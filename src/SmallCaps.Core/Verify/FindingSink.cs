namespace SmallCaps.Core.Verify;

/// <summary>Thread-safe collector of findings from tickers checked in parallel.</summary>
internal sealed class FindingSink
{
    private readonly List<Finding> _findings = [];
    private readonly Lock _gate = new();

    public void Add(Finding finding)
    {
        lock (_gate)
        {
            _findings.Add(finding);
        }
    }

    /// <summary>Findings in a stable order: kind, dataset, ticker, path, date.</summary>
    public IReadOnlyList<Finding> Sorted()
    {
        lock (_gate)
        {
            return _findings
                .OrderBy(f => f.Kind)
                .ThenBy(f => f.Dataset, StringComparer.Ordinal)
                .ThenBy(f => f.Ticker, StringComparer.Ordinal)
                .ThenBy(f => f.Path, StringComparer.Ordinal)
                .ThenBy(f => f.Date)
                .ToList();
        }
    }
}
