using NodaTime;

namespace SmallCaps.Core.Universe;

/// <summary>One <c>select-universe</c> run: where the snapshot comes from, the filters and the outputs.</summary>
internal sealed record UniverseRequest
{
    public required UniverseOptions Options { get; init; }

    /// <summary>Today's New York date: the snapshot date of an API run without <c>--date</c>.</summary>
    public required LocalDate Today { get; init; }

    /// <summary>Folder holding <c>tickers.parquet</c> (or part*.parquet); null reads the API.</summary>
    public string? SnapshotDirectory { get; init; }

    /// <summary>Details file (or folder of part*.parquet) of the snapshot.</summary>
    public string? DetailsPath { get; init; }

    public string? OutCsv { get; init; }

    public string? OutParquet { get; init; }

    /// <summary>Lake root for the reference datasets (API path); null writes none and caches nothing.</summary>
    public string? Outdir { get; init; }

    /// <summary>Also fetch splits, dividends and ticker events of the members into the lake.</summary>
    public bool FetchCorporateActions { get; init; }
}
