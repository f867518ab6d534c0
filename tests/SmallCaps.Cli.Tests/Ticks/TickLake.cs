using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Parquet;
using SmallCaps.Simulator;

namespace SmallCaps.Cli.Tests.Ticks;

/// <summary>Events files for the CLI tests and tick lakes read back as comparable text rows.</summary>
internal static class TickLake
{
    public static readonly LocalDate Day = new(2024, 3, 15);

    public static IReadOnlyList<string> ActiveNames(SimulatorHost sim, int count) =>
        sim.Truth.Tickers(Day).Where(t => t.Active && t.Type == "CS" && t.Ticker.All(char.IsAsciiLetterUpper)).Select(t => t.Ticker).Distinct().Take(count).ToList();

    /// <summary>Writes an events CSV: each ticker at 10:00 and 10:10 New York (merged with --before 5m --after 15m).</summary>
    public static string WriteEvents(string folder, IEnumerable<string> names)
    {
        var path = Path.Combine(folder, "events.csv");
        var lines = new List<string> { "ticker,timestamp" };
        foreach (var n in names)
        {
            lines.Add($"{n},2024-03-15T10:00:00-04:00");
            lines.Add($"{n},2024-03-15 10:10:00");
        }

        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>The window the events above give: 09:55 to 10:25 New York.</summary>
    public static (long Start, long End) Window() =>
        (NewYorkTime.ToUnixNanoseconds(Day.At(new LocalTime(9, 55))), NewYorkTime.ToUnixNanoseconds(Day.At(new LocalTime(10, 25))));

    public static List<string> Trades(SimulatorHost sim, string ticker)
    {
        var (s, e) = Window();
        return sim.Truth.Trades(ticker, s, e - 1).Select(t => string.Join('|', N(t.SipTimestamp), N(t.ParticipantTimestamp), D(t.Price), D(t.Size), t.Id, N(t.SequenceNumber), t.Conditions is null ? "null" : string.Join(',', t.Conditions))).ToList();
    }

    public static List<string> Quotes(SimulatorHost sim, string ticker, long bucketNs = 0)
    {
        var (s, e) = Window();
        var quotes = sim.Truth.Quotes(ticker, s, e - 1);
        if (bucketNs > 0)
        {
            quotes = quotes.GroupBy(q => q.SipTimestamp / bucketNs).Select(g => g.Last());
        }

        return quotes.Select(q => string.Join('|', N(q.SipTimestamp), N(q.ParticipantTimestamp), D(q.BidPrice), D(q.AskPrice), D(q.BidSize), N(q.SequenceNumber))).ToList();
    }

    public static List<string> ReadTrades(string outdir, string ticker) =>
        Read(outdir, "trades", ticker, ["sip_timestamp", "participant_timestamp", "price", "size", "id", "sequence_number", "conditions"]);

    public static List<string> ReadQuotes(string outdir, string dataset, string ticker) =>
        Read(outdir, dataset, ticker, ["sip_timestamp", "participant_timestamp", "bid_price", "ask_price", "bid_size", "sequence_number"]);

    private static List<string> Read(string outdir, string dataset, string ticker, string[] columns)
    {
        var rows = new List<string>();
        var folder = Path.Combine(outdir, dataset, $"ticker={ticker}");
        if (!Directory.Exists(folder))
        {
            return rows;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = ParquetFileReader.Open(file);
            var data = columns.Select(c => reader.ReadColumn(c, default)).ToList();
            var lists = data.Select(d => d.Column.IsFlat ? null : d.ToInt32Lists()).ToList();
            for (var i = 0; i < reader.RowCount; i++)
            {
                rows.Add(string.Join('|', data.Select((d, c) =>
                    lists[c] is { } l ? (l[i] is { } list ? string.Join(',', list) : "null")
                    : d.Int64Values is { } v64 ? N(v64[i])
                    : d.DoubleValues is { } dv ? D(dv[i])
                    : d.GetString(i) ?? "null")));
            }
        }

        return rows;
    }

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
