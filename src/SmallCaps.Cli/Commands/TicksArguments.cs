using SmallCaps.Core.Ticks;

namespace SmallCaps.Cli.Commands;

/// <summary>The raw values of ingest-trades / ingest-quotes, validated by <see cref="TicksCommandHandler"/>.</summary>
internal sealed record TicksArguments
{
    public required TickKind Kind { get; init; }

    public required string Manifest { get; init; }

    public required string Outdir { get; init; }

    /// <summary>--quotes-hz as typed (parsed by <see cref="TicksCommandHandler"/>: a dot for decimals, no thousands separators), or null.</summary>
    public string? QuotesHz { get; init; }

    /// <summary>First session date of the manifest to fetch (YYYY-MM-DD), or null.</summary>
    public string? StartDate { get; init; }

    /// <summary>Last session date of the manifest to fetch (YYYY-MM-DD), or null.</summary>
    public string? EndDate { get; init; }

    public int MaxWorkers { get; init; } = 8;

    public string? MaxRps { get; init; }

    public string? ApiKey { get; init; }

    public string? BaseUrl { get; init; }

    /// <summary>Environment the key is looked up in (tests inject their own).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
}
