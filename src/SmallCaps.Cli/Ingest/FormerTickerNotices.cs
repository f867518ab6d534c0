using System.Globalization;
using SmallCaps.Core.Ingest;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Cli.Ingest;

/// <summary>What <c>--former-tickers</c> added, said before the fetches: a count and the first few on the console, all of them in the log.</summary>
internal static class FormerTickerNotices
{
    private const int Shown = 3;

    public static async Task WriteAsync(TextWriter error, FormerTickerPlan plan, int listed, ILogger log)
    {
        var added = plan.Former.Concat(plan.Later).ToList();
        var shown = string.Join("; ", added.Take(Shown)) + (added.Count > Shown ? "; ..." : string.Empty);
        var counts = plan.Later.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{plan.Former.Count} former tickers")
            : string.Create(CultureInfo.InvariantCulture, $"{plan.Former.Count} former and {plan.Later.Count} later tickers");
        await error.WriteLineAsync(added.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"notice: --former-tickers: no listed ticker had another name in the ticker events; each is asked over the days it named its security")
            : string.Create(CultureInfo.InvariantCulture, $"notice: --former-tickers: {counts} of the {listed} listed ({shown}); the log lists them all"));
        if (plan.WithoutEvents > 0)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"notice: --former-tickers: {plan.WithoutEvents} listed tickers are not in the ticker events and are asked over the whole range"));
        }

        foreach (var line in plan.Former)
        {
            log.Information("Former ticker: {Line}", line);
        }

        foreach (var line in plan.Later)
        {
            log.Information("Later ticker: {Line}", line);
        }

        foreach (var skipped in plan.Skipped)
        {
            // Once on the console: the log's console sink would repeat a log.Warning.
            await error.WriteLineAsync($"warning: --former-tickers: {skipped}; not fetched");
            log.Information("warning: former ticker not fetched: {Skipped}", skipped);
        }
    }
}
