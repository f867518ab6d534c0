using System.CommandLine;
using SmallCaps.Core.Ticks;

namespace SmallCaps.Cli.Commands;

/// <summary>Builds <c>ingest-trades</c> and <c>ingest-quotes</c>: the manifest's windows through the bars' engine.</summary>
internal static class TicksCommandFactory
{
    public static Command Create(TickKind kind, CliContext context)
    {
        var name = kind == TickKind.Trades ? "ingest-trades" : "ingest-quotes";
        var what = kind == TickKind.Trades ? "trades" : "quotes";
        var manifest = new Option<string>("--manifest") { Description = "Manifest from 'smallcaps manifest' (.csv or .parquet).", Required = true };
        var outdir = new Option<string>("--outdir") { Description = "Root folder of the lake (created if missing).", Required = true };
        var workers = new Option<int>("--max-workers") { Description = "Tasks and requests in flight at once (1-64).", DefaultValueFactory = _ => 8 };
        var rps = new Option<string?>("--max-rps") { Description = RateHelp.Description, HelpName = "RATE" };
        var key = new Option<string?>("--api-key") { Description = "API key (else MASSIVE_API_KEY, POLYGON_API_KEY, or .env). Never printed." };
        var baseUrl = new Option<string?>("--base-url") { Description = "API base URL (default https://api.massive.com)." };
        var freePlan = new Option<bool>("--free-plan") { Description = "Free plan preset: 5 requests/minute, one worker." };
        var startDate = new Option<string?>("--start-date") { Description = "Fetch only manifest sessions on or after this New York date, YYYY-MM-DD." };
        var endDate = new Option<string?>("--end-date") { Description = "Fetch only manifest sessions on or before this New York date, YYYY-MM-DD." };
        var command = new Command(name, $"Fetch every {what[..^1]} of the manifest's windows into <outdir>/{what}, one file per ticker and New York session.")
        {
            manifest, outdir, workers, rps, key, baseUrl, freePlan, startDate, endDate,
        };
        if (kind == TickKind.Quotes)
        {
            var hz = new Option<string?>("--quotes-hz") { Description = "Keep, per 1/H-second bucket, the quote in force at its end (into <outdir>/quotes_<H>hz); H like 1 or 0.5, a dot for decimals. Default: every quote." };
            command.Add(hz);
        }

        command.SetAction(async (ParseResult r, CancellationToken ct) =>
            await TicksCommandHandler.RunAsync(Arguments(r, kind, context), context.CommandLine, context.Console, context.Clock, ct));
        return command;
    }

    /// <summary>The verb's values as typed, read by name: the verb and <c>launch</c> read them the same way.</summary>
    public static TicksArguments Arguments(ParseResult r, TickKind kind, CliContext context)
    {
        var free = FreePlan.IsOn(r);
        return new TicksArguments
        {
            Kind = kind,
            Manifest = r.GetValue<string>("--manifest")!,
            Outdir = r.GetValue<string>("--outdir")!,
            QuotesHz = kind == TickKind.Quotes ? r.GetValue<string?>("--quotes-hz") : null,
            StartDate = r.GetValue<string?>("--start-date"),
            EndDate = r.GetValue<string?>("--end-date"),
            MaxWorkers = free ? 1 : r.GetValue<int>("--max-workers"),
            MaxRps = free ? "free" : r.GetValue<string?>("--max-rps"),
            ApiKey = r.GetValue<string?>("--api-key"),
            BaseUrl = r.GetValue<string?>("--base-url"),
            Environment = context.Environment,
        };
    }
}
