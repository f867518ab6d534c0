using NodaTime;
using Serilog;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Manifest;
using SmallCaps.Core.Ticks;
using SmallCaps.Parquet;
using SmallCaps.Simulator;

namespace SmallCaps.Core.Tests.Ticks;

/// <summary>Runs tick sessions against a simulator and reads tick lakes back as comparable rows.</summary>
internal static class SimTicks
{
    public static async Task<IngestOutcome> RunAsync(SimulatorHost sim, string outdir, TickDataset dataset, IReadOnlyList<ManifestWindow> windows, int maxWorkers = 4, int maxRetries = 10, TimeProvider? clock = null, CancellationToken ct = default)
    {
        var options = new TransportOptions
        {
            BaseUrl = sim.BaseUrl,
            MaxWorkers = maxWorkers,
            MaxRequestsPerSecond = 1000,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
            RateLimitPause = TimeSpan.FromMilliseconds(5),
            BreakerMinimumThroughput = 1000,
            MaxRetries = maxRetries,
        };
        using var transport = new MassiveTransport(options, ApiKey.Create(sim.ApiKey), TimeProvider.System);
        return await TickSession.RunAsync(
            new TickIngestOptions { Outdir = outdir, Dataset = dataset, MaxWorkers = maxWorkers },
            windows,
            new TicksClient(transport),
            clock ?? TimeProvider.System,
            new LoggerConfiguration().CreateLogger(),
            "test",
            null,
            null,
            ct);
    }

    /// <summary>Common stocks listed and active on <paramref name="date"/>, stable order.</summary>
    public static IReadOnlyList<string> ActiveCommonStocks(SimulatorHost sim, LocalDate date, int count) =>
        sim.Truth.Tickers(date).Where(t => t.Active && t.Type == "CS" && t.Ticker.All(char.IsAsciiLetterUpper)).Select(t => t.Ticker).Distinct().Take(count).ToList();

    /// <summary>A window of a session between two New York times.</summary>
    public static ManifestWindow Window(string ticker, LocalDate day, int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(ticker, day, NewYorkTime.ToUnixNanoseconds(day.At(new LocalTime(fromHour, fromMinute))), NewYorkTime.ToUnixNanoseconds(day.At(new LocalTime(toHour, toMinute))));

    /// <summary>Every trade of the ticker's files, in file then row order, as text rows with every field.</summary>
    public static List<string> ReadRows(string outdir, TickDataset dataset, string ticker)
    {
        var rows = new List<string>();
        var folder = Path.Combine(outdir, dataset.Name, $"ticker={ticker}");
        if (!Directory.Exists(folder))
        {
            return rows;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = ParquetFileReader.Open(file);
            var columns = reader.Columns.Select(c => c.Spec!.Name).ToList();
            var data = columns.Select(c => reader.ReadColumn(c, default)).ToList();
            var lists = data.Select(d => d.Column.IsFlat ? null : d.ToInt32Lists()).ToList();
            for (var i = 0; i < reader.RowCount; i++)
            {
                var cells = new List<string>();
                for (var c = 0; c < columns.Count; c++)
                {
                    if (columns[c] is "ticker" or "session_date")
                    {
                        continue;
                    }

                    cells.Add(Cell(data[c], lists[c], i));
                }

                rows.Add(string.Join('|', cells));
            }
        }

        return rows;
    }

    public static string TradeRow(SmallCaps.Simulator.Truth.SimTrade t) => string.Join('|', new[]
    {
        N(t.SipTimestamp), N(t.ParticipantTimestamp), N(t.TrfTimestamp), D(t.Price), D(t.Size), "null", N(t.Exchange), t.Id, N(t.SequenceNumber), N(t.Tape),
        t.Conditions is null ? "null" : "[" + string.Join(',', t.Conditions) + "]", "null", N(t.TrfId),
    });

    public static string QuoteRow(SmallCaps.Simulator.Truth.SimQuote q) => string.Join('|', new[]
    {
        N(q.SipTimestamp), N(q.ParticipantTimestamp), "null", D(q.BidPrice), D(q.BidSize), N(q.BidExchange), D(q.AskPrice), D(q.AskSize), N(q.AskExchange), N(q.SequenceNumber), N(q.Tape), "null", "null",
    });

    private static string Cell(ColumnData d, int[]?[]? lists, int i)
    {
        if (lists is not null)
        {
            return lists[i] is { } l ? "[" + string.Join(',', l) + "]" : "null";
        }

        if (d.IsNull(i))
        {
            return "null";
        }

        return d.Int64Values is { } l64 ? N(l64[i])
            : d.Int32Values is { } l32 ? N(l32[i])
            : d.DoubleValues is { } dv ? D(dv[i])
            : d.GetString(i) ?? "null";
    }

    private static string N(long? v) => v is { } x ? x.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";

    private static string D(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
