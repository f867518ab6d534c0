using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using SmallCaps.Simulator.Faults;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator;

/// <summary>
/// The command-line surface of the simulator: option descriptions for <c>smallcaps sim</c>, parsing into
/// <see cref="SimulatorOptions"/>, the serve loop and the ground-truth export.
/// </summary>
public static class SimulatorCommandLine
{
    /// <summary>Options of <c>smallcaps sim</c> (every one takes a value).</summary>
    public static IReadOnlyList<SimulatorOptionInfo> Options { get; } =
    [
        new("--host", "IP", "Interface to listen on.", "127.0.0.1"),
        new("--port", "P", "API port (0 = any free port; the base URL is printed).", "0"),
        new("--foreign-port", "P", "Port of the decoy 'foreign host' listener that counts API keys sent to it.", "0"),
        new("--api-key", "KEY", "The only accepted API key (query apiKey or Authorization: Bearer).", "sim-key"),
        new("--seed", "N", "Seed of the synthetic market and of rate-based faults.", "42"),
        new("--universe-size", "N", "Listings generated (all types, active and delisted).", "12000"),
        new("--as-of", "YYYY-MM-DD", "Today of the simulated market: last day with data; split adjustment reference.", "2026-06-30"),
        new("--data-start", "YYYY-MM-DD", "First day with bars, trades and quotes.", "2003-01-02"),
        new("--well-known", "true|false", "Include AAPL and META/FB (the vendor fixtures' tickers).", "true"),
        new("--minute-history-from", "YYYY-MM-DD", "Plan limit: minute bars before this date answer 403 NOT_AUTHORIZED.", "none"),
        new("--trades", "true|false", "Plan includes trades (false: /v3/trades answers 403).", "true"),
        new("--quotes", "true|false", "Plan includes quotes (false: /v3/quotes answers 403).", "true"),
        new("--rate-limit", "R", "Per-key token bucket in requests/second; excess requests get 429 (0 = off).", "0"),
        new("--rate-burst", "N", "Bucket size of the rate limit (0 = ceiling of the rate).", "0"),
        new("--faults", "none|chaos", "Fault preset: chaos makes about 1 request in 4 misbehave.", "none"),
        new("--fault", "KIND=RATE", $"Probability of one fault kind per request. Kinds: {string.Join(", ", FaultNames.All)}.", "none", Repeatable: true),
        new("--fault-rule", "RULE", "Deterministic fault KIND[:PATH][@N[+TIMES]|%EVERY], e.g. reset:/v2/aggs@2 or 429@1+3.", "none", Repeatable: true),
        new("--slow-ms", "MS", "Delay of the slow fault in milliseconds.", "2000"),
        new("--exponent-volumes", "true|false", "Write volumes >= 1e6 as 1.029145e+06 like the vendor sometimes does.", "true"),
    ];

    /// <summary>Options of the ground-truth export (plus the market options above: seed, universe size, as-of, ...).</summary>
    public static IReadOnlyList<SimulatorOptionInfo> ExportOptions { get; } =
    [
        new("--ticker", "T", "Ticker to export.", "(required)"),
        new("--dataset", "minute|day|trades|quotes", "Dataset to export.", "minute"),
        new("--from", "YYYY-MM-DD", "First New York date.", "(required)"),
        new("--to", "YYYY-MM-DD", "Last New York date (inclusive).", "(required)"),
        new("--adjusted", "true|false", "Split-adjusted bars as of --as-of (bars only).", "true"),
        new("--out", "FILE", "CSV file to write (default: standard output).", "stdout"),
    ];

    /// <summary>Parses <c>--name value</c> / <c>--name=value</c> pairs; throws <see cref="FormatException"/> with a one-line message.</summary>
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions();
        foreach (var (name, value) in Pairs(args))
        {
            Apply(options, name, value);
        }

        return options;
    }

    /// <summary>Applies one option to <paramref name="options"/> (name with dashes); throws <see cref="FormatException"/> when invalid.</summary>
    public static void Apply(SimulatorOptions options, string name, string value)
    {
        try
        {
            switch (name)
            {
                case "--host": options.Host = System.Net.IPAddress.TryParse(value, out _) ? value : throw new FormatException("not an IP address (e.g. 127.0.0.1)"); break;
                case "--port": options.Port = Int(value); break;
                case "--foreign-port": options.ForeignPort = Int(value); break;
                case "--api-key": options.ApiKey = value; break;
                case "--seed": options.Seed = long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture); break;
                case "--universe-size": options.UniverseSize = Int(value); break;
                case "--as-of": options.AsOf = Date(value); break;
                case "--data-start": options.DataStart = Date(value); break;
                case "--well-known": options.IncludeWellKnownTickers = Bool(value); break;
                case "--minute-history-from": options.MinuteHistoryFrom = value is "none" or "" ? null : Date(value); break;
                case "--trades": options.TradesEntitled = Bool(value); break;
                case "--quotes": options.QuotesEntitled = Bool(value); break;
                case "--rate-limit": options.RateLimitPerSecond = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture); break;
                case "--rate-burst": options.RateLimitBurst = Int(value); break;
                case "--faults": options.Chaos = value switch { "chaos" => true, "none" => false, _ => throw new FormatException("expected none or chaos") }; break;
                case "--fault":
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    if (eq < 0)
                    {
                        throw new FormatException("expected KIND=RATE");
                    }

                    options.FaultRates[FaultNames.Parse(value[..eq])] = double.Parse(value[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
                    break;
                case "--fault-rule": options.FaultRules.Add(FaultRule.Parse(value)); break;
                case "--slow-ms": options.SlowDelay = TimeSpan.FromMilliseconds(Int(value)); break;
                case "--exponent-volumes": options.ExponentVolumes = Bool(value); break;
                default: throw new FormatException("unknown option");
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new FormatException($"Invalid {name} '{value}': {e.Message}", e);
        }
    }

    /// <summary>The --help text of <c>smallcaps sim</c>.</summary>
    public static string HelpText()
    {
        var sb = new StringBuilder();
        sb.AppendLine("smallcaps sim: a Massive (Polygon) compatible REST simulator with deterministic synthetic data.");
        sb.AppendLine("Prints its base URL, then serves until Ctrl+C.");
        sb.AppendLine();
        foreach (var o in Options)
        {
            sb.Append(("  " + o.Name + " " + o.ValueName).PadRight(38)).Append(o.Description)
                .Append(CultureInfo.InvariantCulture, $" [default: {o.DefaultValue}]").AppendLine(o.Repeatable ? " (repeatable)" : "");
        }

        return sb.ToString();
    }

    /// <summary>Starts the simulator, writes its base URL (first line) and foreign URL, and serves until cancelled. Returns 0.</summary>
    public static async Task<int> RunAsync(SimulatorOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var host = await SimulatorHost.StartAsync(options, cancellationToken);
        await output.WriteLineAsync(host.BaseUrl.ToString().TrimEnd('/'));
        await output.WriteLineAsync($"foreign host: {host.ForeignBaseUrl.ToString().TrimEnd('/')}  api key: {(options.ApiKey == "sim-key" ? "sim-key" : "(as given)")}  seed: {options.Seed.ToString(CultureInfo.InvariantCulture)}");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    /// <summary>Writes the exact rows the simulator serves for a ticker, dataset and window as CSV. Returns 0, or 2 on bad input.</summary>
    public static int RunExport(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        try
        {
            var market = new SimulatorOptions();
            string? ticker = null, from = null, to = null, outFile = null;
            var dataset = SimDataset.MinuteBars;
            var adjusted = true;
            foreach (var (name, value) in Pairs(args))
            {
                switch (name)
                {
                    case "--ticker": ticker = value; break;
                    case "--from": from = value; break;
                    case "--to": to = value; break;
                    case "--out": outFile = value; break;
                    case "--adjusted": adjusted = Bool(value); break;
                    case "--dataset":
                        dataset = value switch
                        {
                            "minute" => SimDataset.MinuteBars,
                            "day" => SimDataset.DayBars,
                            "trades" => SimDataset.Trades,
                            "quotes" => SimDataset.Quotes,
                            _ => throw new FormatException($"Invalid --dataset '{value}': expected minute, day, trades or quotes."),
                        };
                        break;
                    default: Apply(market, name, value); break;
                }
            }

            if (ticker is null || from is null || to is null)
            {
                throw new FormatException("--ticker, --from and --to are required.");
            }

            var (first, last) = (Date("--from", from), Date("--to", to));
            if (first > last)
            {
                // An empty window would print only the header and look like a day without trading.
                throw new FormatException($"--from {from} is after --to {to}.");
            }

            var truth = GroundTruth.For(market);
            if (outFile is null)
            {
                truth.WriteCsv(output, ticker, dataset, first, last, adjusted);
                return 0;
            }

            var temp = outFile + ".tmp";
            using (var file = new StreamWriter(temp, false, new UTF8Encoding(false)))
            {
                truth.WriteCsv(file, ticker, dataset, first, last, adjusted);
                file.Flush();
                file.BaseStream.Flush();
            }

            File.Move(temp, outFile, overwrite: true);
            return 0;
        }
        catch (FormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static IEnumerable<(string Name, string Value)> Pairs(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"Unexpected argument '{a}'.");
            }

            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                yield return (a[..eq], a[(eq + 1)..]);
            }
            else if (i + 1 < args.Count)
            {
                yield return (a, args[++i]);
            }
            else
            {
                throw new FormatException($"Option {a} needs a value.");
            }
        }
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static bool Bool(string value) => value switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new FormatException($"'{value}' is not true or false."),
    };

    private static LocalDate Date(string option, string value)
    {
        try
        {
            return Date(value);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{option}: {e.Message}", e);
        }
    }

    private static LocalDate Date(string value)
    {
        var r = LocalDatePattern.Iso.Parse(value);
        return r.Success ? r.Value : throw new FormatException($"'{value}' is not a YYYY-MM-DD date.");
    }
}
