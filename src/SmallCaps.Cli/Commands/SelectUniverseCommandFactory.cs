using System.CommandLine;

namespace SmallCaps.Cli.Commands;

/// <summary><c>smallcaps select-universe</c>: the research universe (CS on XNAS/XNYS, optional cap) as a tickers CSV and a Parquet table.</summary>
internal static class SelectUniverseCommandFactory
{
    public static Command Create(CliContext context)
    {
        var outCsv = new Option<string>("--out-csv") { Description = "Output CSV with a 'ticker' column (what the ingest verbs read).", Required = true };
        var outParquet = new Option<string?>("--out-parquet") { Description = "Output Parquet: ticker, name, exchange, type, active, cik, FIGIs, dates, market cap, SIC." };
        var snapshotDir = new Option<string?>("--snapshot-dir", "--snapdir") { Description = "Read a local snapshot folder (tickers.parquet) instead of the API." };
        var details = new Option<string?>("--details") { Description = "Details file (or folder) of the local snapshot: market_cap, list_date, sic_code..." };
        var types = new Option<string>("--types") { Description = "Vendor type codes, comma separated.", DefaultValueFactory = _ => "CS" };
        var exchanges = new Option<string>("--exchanges") { Description = "Primary exchanges (MIC), comma separated.", DefaultValueFactory = _ => "XNAS,XNYS" };
        var capMax = new Option<string?>("--cap-max") { Description = "Keep market caps strictly below this: 2000000000, 2e9, 2B, 500M." };
        var includeDelisted = new Option<bool>("--include-delisted") { Description = "Keep delisted names (no survivorship bias), with their market cap on their last session." };
        var date = new Option<string?>("--date") { Description = "The universe as of this New York date, YYYY-MM-DD (default: today, or the snapshot's date)." };
        var outdir = new Option<string?>("--outdir") { Description = "Lake root: keeps the tickers and details snapshot under reference/ as ledger tasks (re-runs fetch only what is missing; holds the outdir lock)." };
        var actions = new Option<bool>("--corporate-actions") { Description = "Also fetch splits, dividends and ticker events of the universe into the lake (needs --outdir)." };
        var workers = new Option<int>("--max-workers") { Description = "Requests in flight at once (1-64).", DefaultValueFactory = _ => 8 };
        var rps = new Option<string?>("--max-rps") { Description = RateHelp.Description, HelpName = "RATE" };
        var key = new Option<string?>("--api-key") { Description = "API key (else MASSIVE_API_KEY, POLYGON_API_KEY, or .env). Never printed." };
        var baseUrl = new Option<string?>("--base-url") { Description = "API base URL (default https://api.massive.com)." };
        var command = new Command("select-universe", "Select the universe (type, exchange, delisted, market cap) from the API or a local snapshot; print the funnel.")
        {
            outCsv, outParquet, snapshotDir, details, types, exchanges, capMax, includeDelisted, date, outdir, actions, workers, rps, key, baseUrl,
        };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var args = new SelectUniverseArguments
            {
                OutCsv = r.GetValue(outCsv)!,
                OutParquet = r.GetValue(outParquet),
                SnapshotDir = r.GetValue(snapshotDir),
                Details = r.GetValue(details),
                Types = r.GetValue(types)!,
                Exchanges = r.GetValue(exchanges)!,
                CapMax = r.GetValue(capMax),
                IncludeDelisted = r.GetValue(includeDelisted),
                Date = r.GetValue(date),
                Outdir = r.GetValue(outdir),
                CorporateActions = r.GetValue(actions),
                MaxWorkers = r.GetValue(workers),
                MaxRps = r.GetValue(rps),
                ApiKey = r.GetValue(key),
                BaseUrl = r.GetValue(baseUrl),
                Environment = context.Environment,
                CommandLine = context.CommandLine,
            };
            return await SelectUniverseHandler.RunAsync(args, context.Console, context.Clock, ct);
        });
        return command;
    }
}
