using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Verify;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

public sealed class FormerTickersCliTests
{
    private static readonly LocalDate From = new(2005, 1, 1);
    private static readonly LocalDate To = new(2025, 12, 31);

    [Fact]
    public async Task IngestDaily_FormerTickers_RenamedSecuritiesKeepTheirHistoryUnderEachTicker()
    {
        // Given: a universe and its ticker events, as select-universe --corporate-actions writes them
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 42 });
        using var dir = new TempDirectory();
        var lake = dir.Combine("lake");
        var csv = dir.Combine("universe.csv");
        var select = await CliHarness.RunAsync(["select-universe", "--out-csv", csv, "--include-delisted", "--cap-max", "2B", "--outdir", lake, "--corporate-actions", "--base-url", sim.BaseUrl.ToString(), "--api-key", sim.ApiKey, "--max-rps", "5000"]);
        Assert.True(select.ExitCode == 0, select.Error);

        // When
        var ingest = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", csv, "--outdir", lake, "--from", "2005-01-01", "--to", "2025-12-31", "--former-tickers", "--base-url", sim.BaseUrl.ToString(), "--api-key", sim.ApiKey, "--max-rps", "5000"]);

        // Then: every renamed security whose tickers no other security used has, under each ticker, exactly the
        // simulator's bars of the days it used it
        Assert.True(ingest.ExitCode == ExitCodes.Ok, ingest.Error);
        var listed = File.ReadAllLines(csv).Skip(1).ToHashSet(StringComparer.Ordinal);
        var histories = ReferenceParquet.ReadHistories(FormerTickers.EventsFolder(lake));
        var shared = histories.SelectMany(h => h.Select(p => p.Ticker).Distinct()).GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var renamed = histories.Where(h => h.Count > 1 && listed.Contains(h[^1].Ticker) && h.All(p => !shared.Contains(p.Ticker)) && h[0].Period.To is { } end && end >= From).ToList();
        Assert.NotEmpty(renamed);
        var log = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(lake, "_logs"), "bars_1d-*.log")));
        foreach (var history in renamed)
        {
            foreach (var (ticker, period) in history)
            {
                var from = period.From is { } f && f > From ? f : From;
                var to = period.To is { } t && t < To ? t : To;
                CliHarness.AssertLakeEqualsTruth(sim, lake, "bars_1d", ticker, from, to);
                Assert.NotEmpty(sim.Truth.Bars(ticker, Simulator.Truth.SimDataset.DayBars, from, to));
            }

            Assert.Contains($"Former ticker: {history[0].Ticker} for {history[^1].Ticker} ", log, StringComparison.Ordinal);
        }

        Assert.Contains("notice: --former-tickers: ", ingest.Error, StringComparison.Ordinal);

        // And verify, which expects each ticker's sessions only in its periods, finds the lake whole
        var verify = await CliHarness.RunAsync(["verify", "--outdir", lake]);
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
    }

    [Fact]
    public async Task IngestDaily_FormerTickersWithoutTickerEvents_ExitsTwoWithOneLineAndWritesNothing()
    {
        // Given: an outdir that select-universe never wrote to
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, ["AAA"]);
        var lake = dir.Combine("lake");

        // When
        var result = await CliHarness.RunAsync(["ingest-minute", "--tickers-csv", tickers, "--outdir", lake, "--from", "2024-01-01", "--to", "2024-03-31", "--former-tickers", "--api-key", "k", "--base-url", "http://127.0.0.1:9"]);

        // Then
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: --former-tickers needs ticker events in {Path.Combine(lake, "reference", "ticker_events")}: run select-universe --outdir {lake} --corporate-actions first", line.TrimEnd('\r'));
        Assert.False(Directory.Exists(lake));
    }
}
