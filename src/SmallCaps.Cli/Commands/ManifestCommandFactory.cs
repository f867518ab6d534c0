using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SmallCaps.Core.Input;
using SmallCaps.Core.Manifest;

namespace SmallCaps.Cli.Commands;

/// <summary><c>smallcaps manifest</c>: events file to windows per ticker and New York session (CSV or Parquet out).</summary>
internal static class ManifestCommandFactory
{
    public static Command Create(CliContext context)
    {
        var events = new Option<string>("--events") { Description = "Events file (CSV, or .parquet): a ticker plus a timestamp or a date per row.", Required = true };
        var output = new Option<string>("--out") { Description = "Manifest to write (.csv or .parquet).", Required = true };
        var tickerColumn = new Option<string?>("--ticker-column") { Description = "Ticker column (default: ticker, else symbol)." };
        var timeColumn = new Option<string?>("--time-column") { Description = "Timestamp column (default: timestamp, datetime, time, ts, event_time)." };
        var dateColumn = new Option<string?>("--date-column") { Description = "Date column for events without a time (default: date, session_date)." };
        var before = new Option<string>("--before") { Description = "Window start before each event: 30m, 90s, 1h30m, 00:30.", DefaultValueFactory = _ => "30m" };
        var after = new Option<string>("--after") { Description = "Window end after each event.", DefaultValueFactory = _ => "60m" };
        var whole = new Option<bool>("--whole-session") { Description = "Every event covers its whole session (04:00-20:00 New York)." };
        var zone = new Option<string>("--time-zone") { Description = "Zone of timestamps written without an offset.", DefaultValueFactory = _ => "America/New_York" };
        var start = new Option<string?>("--start-date") { Description = "First New York session date kept, YYYY-MM-DD." };
        var end = new Option<string?>("--end-date") { Description = "Last New York session date kept, YYYY-MM-DD." };
        var command = new Command("manifest", "Build the manifest of trade/quote windows from an events file: per ticker and New York session, overlapping windows merged, clamped to 04:00-20:00.")
        {
            events, output, tickerColumn, timeColumn, dateColumn, before, after, whole, zone, start, end,
        };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var options = new ManifestOptions
            {
                TickerColumn = r.GetValue(tickerColumn),
                TimeColumn = r.GetValue(timeColumn),
                DateColumn = r.GetValue(dateColumn),
                Before = DurationText.Parse("--before", r.GetValue(before)!),
                After = DurationText.Parse("--after", r.GetValue(after)!),
                WholeSession = r.GetValue(whole),
                NaiveZone = Zone(r.GetValue(zone)!),
                StartDate = Date("--start-date", r.GetValue(start)),
                EndDate = Date("--end-date", r.GetValue(end)),
            };
            if (options.StartDate > options.EndDate)
            {
                throw new InputException("--start-date is after --end-date");
            }

            var outPath = r.GetValue(output)!;
            var result = await ManifestMaker.MakeAsync(r.GetValue(events)!, outPath, options, ct);
            var c = CultureInfo.InvariantCulture;
            await context.Console.Out.WriteLineAsync(string.Create(c, $"manifest: {result.Events} events -> {result.Windows.Count} windows ({result.Windows.Select(w => (w.Ticker, w.SessionDate)).Distinct().Count()} ticker-sessions, {result.Windows.Select(w => w.Ticker).Distinct().Count()} tickers) written to {outPath}"));
            if (result.OutsideDates > 0 || result.OutsideHours > 0)
            {
                await context.Console.Error.WriteLineAsync(string.Create(c, $"notice: {result.OutsideDates} events outside --start-date/--end-date and {result.OutsideHours} outside 04:00-20:00 New York left out"));
            }

            if (result.FirstClosed is { } closed)
            {
                await context.Console.Error.WriteLineAsync(string.Create(c, $"notice: {result.ClosedDays} events on days the NYSE was closed left out (no trades or quotes then; first: {closed.Ticker} {Core.Calendar.IsoDate.Format(closed.Date)}, a {closed.Date.DayOfWeek})"));
            }

            return 0;
        });
        return command;
    }

    private static DateTimeZone Zone(string id) =>
        string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase) ? DateTimeZone.Utc
        : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw new InputException($"--time-zone \"{id}\" is not a tz database zone (e.g. America/New_York, UTC)");

    private static LocalDate? Date(string option, string? text) => IngestRangeParser.ParseOptional(option, text);
}
