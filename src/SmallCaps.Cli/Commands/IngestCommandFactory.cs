using System.CommandLine;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Lake;

namespace SmallCaps.Cli.Commands;

/// <summary>Builds <c>ingest-daily</c> and <c>ingest-minute</c> with the options the seeds' users know.</summary>
internal static class IngestCommandFactory
{
    public static Command Create(string name, BarDataset dataset, string description, CliContext context)
    {
        var tickers = new Option<string>("--tickers-csv") { Description = "Universe CSV with a 'ticker' column.", Required = true };
        var outdir = new Option<string>("--outdir") { Description = "Root folder of the lake (created if missing).", Required = true };
        var from = new Option<string>("--from") { Description = "First New York session date, YYYY-MM-DD.", Required = true };
        var to = new Option<string>("--to") { Description = "Last New York session date, YYYY-MM-DD (clamped to yesterday in New York).", Required = true };
        var workers = new Option<int>("--max-workers") { Description = "Tasks and requests in flight at once (1-64).", DefaultValueFactory = _ => 8 };
        var rps = new Option<string?>("--max-rps") { Description = RateHelp.Description, HelpName = "RATE" };
        var adjusted = new Option<bool>("--adjusted") { Description = "Split-adjusted bars (true, the vendor default; windows fetched before a new split are fetched again) or raw (false). [default: true]", DefaultValueFactory = _ => true, HelpName = "true|false" };
        var key = new Option<string?>("--api-key") { Description = "API key (else MASSIVE_API_KEY, POLYGON_API_KEY, or .env). Never printed." };
        var baseUrl = new Option<string?>("--base-url") { Description = "API base URL (default https://api.massive.com)." };
        var freePlan = new Option<bool>("--free-plan") { Description = "Free plan preset: 5 requests/minute, one worker." };
        var formerTickers = new Option<bool>("--former-tickers") { Description = "Also fetch each security under the tickers it used before a rename, over the dates it used them (needs select-universe --outdir D --corporate-actions first)." };
        var retryNotEntitled = new Option<bool>("--retry-not-entitled") { Description = "Ask again for windows an earlier run found outside the API plan (they are skipped otherwise), e.g. after a plan upgrade." };
        var command = new Command(name, description) { tickers, outdir, from, to, workers, rps, adjusted, key, baseUrl, freePlan, formerTickers, retryNotEntitled };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
            await IngestCommandHandler.RunAsync(Arguments(r, dataset, context), context.CommandLine, context.Console, context.Clock, ct));
        return command;
    }

    /// <summary>The verb's values as typed, read by name: the verb and <c>launch</c> read them the same way.</summary>
    public static IngestArguments Arguments(ParseResult r, BarDataset dataset, CliContext context)
    {
        var free = FreePlan.IsOn(r);
        return new IngestArguments
        {
            Dataset = dataset,
            TickersCsv = r.GetValue<string>("--tickers-csv")!,
            Outdir = r.GetValue<string>("--outdir")!,
            From = r.GetValue<string>("--from")!,
            To = r.GetValue<string>("--to")!,
            MaxWorkers = free ? 1 : r.GetValue<int>("--max-workers"),
            MaxRps = free ? "free" : r.GetValue<string?>("--max-rps"),
            Adjusted = r.GetValue<bool>("--adjusted"),
            FormerTickers = r.GetValue<bool>("--former-tickers"),
            RetryNotEntitled = r.GetValue<bool>("--retry-not-entitled"),
            ApiKey = r.GetValue<string?>("--api-key"),
            BaseUrl = r.GetValue<string?>("--base-url"),
            Environment = context.Environment,
        };
    }
}
