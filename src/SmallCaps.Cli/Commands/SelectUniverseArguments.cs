namespace SmallCaps.Cli.Commands;

/// <summary>The raw options of <c>select-universe</c>, validated by <see cref="SelectUniverseHandler"/>.</summary>
internal sealed record SelectUniverseArguments
{
    public required string OutCsv { get; init; }

    public string? OutParquet { get; init; }

    public string? SnapshotDir { get; init; }

    public string? Details { get; init; }

    public string Types { get; init; } = "CS";

    public string Exchanges { get; init; } = "XNAS,XNYS";

    public string? CapMax { get; init; }

    public bool IncludeDelisted { get; init; }

    public string? Date { get; init; }

    public string? Outdir { get; init; }

    public bool CorporateActions { get; init; }

    public int MaxWorkers { get; init; } = 8;

    public string? MaxRps { get; init; }

    public string? ApiKey { get; init; }

    public string? BaseUrl { get; init; }

    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>The command line with the key removed, recorded in the ledger.</summary>
    public string CommandLine { get; init; } = "select-universe";
}
