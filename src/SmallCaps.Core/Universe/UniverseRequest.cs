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

    /// <summary>The command line recorded in the ledger's runs table (the key already removed).</summary>
    public string CommandLine { get; init; } = "select-universe";

    /// <summary>Members per reference chunk file; null sizes chunks from the rate (<see cref="ReferenceLake.ChunkSizeFor"/>).</summary>
    public int? ChunkSize { get; init; }

    /// <summary>Reference chunks fetched (and held in memory) at once. <value>The default value is 2.</value></summary>
    public int ChunkParallelism { get; init; } = 2;
}
