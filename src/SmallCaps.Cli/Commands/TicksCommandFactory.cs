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
        var rps = new Option<string?>("--max-rps") { Description = "Requests per second for the whole run: 50, 0.5, 5/min, free. Default 50." };
        var key = new Option<string?>("--api-key") { Description = "API key (else MASSIVE_API_KEY, POLYGON_API_KEY, or .env). Never printed." };
        var baseUrl = new Option<string?>("--base-url") { Description = "API base URL (default https://api.massive.com)." };
        var freePlan = new Option<bool>("--free-plan") { Description = "Free plan preset: 5 requests/minute, one worker." };
        var startDate = new Option<string?>("--start-date") { Description = "Fetch only manifest sessions on or after this New York date, YYYY-MM-DD." };
        var endDate = new Option<string?>("--end-date") { Description = "Fetch only manifest sessions on or before this New York date, YYYY-MM-DD." };
        var command = new Command(name, $"Fetch every {what[..^1]} of the manifest's windows into <outdir>/{what}, one file per ticker and New York session.")
        {
            manifest, outdir, workers, rps, key, baseUrl, freePlan, startDate, endDate,
        };
        Option<double?>? hz = null;
        if (kind == TickKind.Quotes)
        {
            hz = new Option<double?>("--quotes-hz") { Description = "Keep, per 1/H-second bucket, the quote in force at its end (into <outdir>/quotes_<H>hz). Default: every quote." };
            command.Add(hz);
        }

        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var free = r.GetValue(freePlan);
            var args = new TicksArguments
            {
                Kind = kind,
                Manifest = r.GetValue(manifest)!,
                Outdir = r.GetValue(outdir)!,
                QuotesHz = hz is null ? null : r.GetValue(hz),
                StartDate = r.GetValue(startDate),
                EndDate = r.GetValue(endDate),
                MaxWorkers = free ? 1 : r.GetValue(workers),
                MaxRps = free ? "free" : r.GetValue(rps),
                ApiKey = r.GetValue(key),
                BaseUrl = r.GetValue(baseUrl),
                Environment = context.Environment,
            };
            return await TicksCommandHandler.RunAsync(args, context.CommandLine, context.Console, context.Clock, ct);
        });
        return command;
    }
}
