using NodaTime;

namespace SmallCaps.Core.Universe;

/// <summary>Filters of <c>select-universe</c>.</summary>
internal sealed record UniverseOptions
{
    /// <summary>Vendor type codes kept. <value>The default value is CS.</value></summary>
    public IReadOnlyList<string> Types { get; init; } = ["CS"];

    /// <summary>Primary exchanges (MIC) kept. <value>The default value is XNAS, XNYS.</value></summary>
    public IReadOnlyList<string> Exchanges { get; init; } = ["XNAS", "XNYS"];

    /// <summary>Keep names whose market cap is strictly below this; null keeps every cap (and names without one).</summary>
    public double? CapMax { get; init; }

    /// <summary>The universe as of this New York date; null means the snapshot date (today for the API).</summary>
    public LocalDate? Date { get; init; }

    /// <summary>Keep names delisted on or before the date (with their last market cap). <value>The default value is false.</value></summary>
    public bool IncludeDelisted { get; init; }
}
