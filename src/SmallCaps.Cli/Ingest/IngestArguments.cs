using SmallCaps.Core.Lake;

namespace SmallCaps.Cli.Ingest;

/// <summary>The raw values of an ingest verb, validated by <see cref="IngestCommandHandler"/>.</summary>
internal sealed record IngestArguments
{
    public required BarDataset Dataset { get; init; }

    public required string TickersCsv { get; init; }

    public required string Outdir { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public int MaxWorkers { get; init; } = 8;

    public string? MaxRps { get; init; }

    public bool Adjusted { get; init; } = true;

    /// <summary>Also ask each security under the tickers it used before (<c>--former-tickers</c>).</summary>
    public bool FormerTickers { get; init; }

    /// <summary>Ask again for windows found not entitled before (<c>--retry-not-entitled</c>).</summary>
    public bool RetryNotEntitled { get; init; }

    public string? ApiKey { get; init; }

    public string? BaseUrl { get; init; }

    /// <summary>Environment the key is looked up in (tests inject their own).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
}
