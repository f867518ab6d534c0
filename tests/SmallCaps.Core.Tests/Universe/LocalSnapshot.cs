using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Universe;

namespace SmallCaps.Core.Tests.Universe;

/// <summary>Writes a small local snapshot in the seeds' layout (tickers.parquet in a folder, a details file) and runs select-universe on it.</summary>
internal static class LocalSnapshot
{
    private static readonly ReferenceTable<TickerRecord> TickersWithListDate = new(
    [
        ReferenceColumn<TickerRecord>.String("ticker", r => r.Ticker),
        ReferenceColumn<TickerRecord>.String("primary_exchange", r => r.PrimaryExchange),
        ReferenceColumn<TickerRecord>.String("type", r => r.Type),
        ReferenceColumn<TickerRecord>.Boolean("active", r => r.Active),
        ReferenceColumn<TickerRecord>.String("composite_figi", r => r.CompositeFigi),
        ReferenceColumn<TickerRecord>.String("delisted_utc", r => r.DelistedUtc),
    ]);

    /// <summary>A listing row: common stock on Nasdaq unless told.</summary>
    public static TickerRecord Listing(string ticker, string figi, bool active = true, string? delisted = null, string type = "CS") =>
        new() { Ticker = ticker, CompositeFigi = figi, Active = active, DelistedUtc = delisted, Type = type, PrimaryExchange = "XNAS" };

    /// <summary>A details row; <paramref name="capDate"/> null writes no market_cap_date column (the seeds' shape).</summary>
    public static TickerRecord Details(string ticker, string figi, double? cap, string? listDate = null, string? capDate = null) =>
        new() { Ticker = ticker, CompositeFigi = figi, MarketCap = cap, ListDate = listDate, MarketCapDate = capDate };

    /// <summary>Writes <c>tickers.parquet</c> into <paramref name="folder"/> and the details file; returns the details path.</summary>
    public static async Task<string> WriteAsync(string folder, IEnumerable<TickerRecord> listings, IReadOnlyList<TickerRecord> details, string detailsPath)
    {
        Directory.CreateDirectory(folder);
        await TickersWithListDate.WriteAsync(Path.Combine(folder, "tickers.parquet"), listings, CancellationToken.None);
        List<ReferenceColumn<TickerRecord>> columns =
        [
            ReferenceColumn<TickerRecord>.String("ticker", r => r.Ticker),
            ReferenceColumn<TickerRecord>.String("composite_figi", r => r.CompositeFigi),
            ReferenceColumn<TickerRecord>.Double("market_cap", r => r.MarketCap),
            ReferenceColumn<TickerRecord>.Date("list_date", r => ReferenceDates.Parse(r.ListDate)),
        ];
        if (details.Any(d => d.MarketCapDate is not null))
        {
            columns.Add(ReferenceColumn<TickerRecord>.Date("market_cap_date", r => ReferenceDates.Parse(r.MarketCapDate)));
        }

        await new ReferenceTable<TickerRecord>(columns).WriteAsync(detailsPath, details, CancellationToken.None);
        return detailsPath;
    }

    /// <summary>Runs select-universe on a local snapshot; returns the outcome, stdout and the warnings (stderr).</summary>
    public static async Task<(UniverseOutcome Outcome, string Output, string Warnings)> RunAsync(UniverseRequest request)
    {
        using var output = new StringWriter();
        using var warnings = new StringWriter();
        var outcome = await new UniverseRunner(null, output, null, warnings).RunAsync(request, CancellationToken.None);
        return (outcome, output.ToString(), warnings.ToString());
    }
}
