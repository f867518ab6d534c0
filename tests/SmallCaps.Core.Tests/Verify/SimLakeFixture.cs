using System.Globalization;
using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Tests.Ingest;
using SmallCaps.Core.Verify;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Verify;

/// <summary>
/// A small real lake, built once by the ingest runner against the simulator: 3 tickers, daily bars
/// for 2023, minute bars for Nov-Dec 2023 (Thanksgiving, its half day, Christmas), plus the
/// reference files (list dates, splits). Each test works on its own copy.
/// </summary>
public sealed class SimLakeFixture : IAsyncLifetime, IDisposable
{
    public static readonly LocalDate DailyFrom = new(2023, 1, 1);
    public static readonly LocalDate DailyTo = new(2023, 12, 31);
    public static readonly LocalDate MinuteFrom = new(2023, 11, 1);
    public static readonly LocalDate MinuteTo = new(2023, 12, 31);

    private readonly TempDirectory _template = new("smallcaps-verify-template");

    public IReadOnlyList<string> Tickers { get; private set; } = [];

    public string TemplatePath => _template.Path;

    public async Task InitializeAsync()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 23 });
        var all = sim.Truth.Tickers().ToList();
        var once = all.GroupBy(t => t.Ticker).Where(g => g.Count() == 1).Select(g => g.Single());
        var chosen = once
            .Where(t => t.Type == "CS" && t.DelistedDate is null && t.ListDate < new LocalDate(2022, 1, 1) && t.Ticker.All(char.IsAsciiLetterUpper))
            .Take(3)
            .ToList();
        Tickers = chosen.Select(t => t.Ticker).ToList();
        var daily = await SimIngest.RunAsync(sim, TemplatePath, BarDataset.Daily, Tickers, DailyFrom, DailyTo);
        var minute = await SimIngest.RunAsync(sim, TemplatePath, BarDataset.Minute, Tickers, MinuteFrom, MinuteTo);
        Assert.Equal(ExitCodes.Ok, daily.ExitCode);
        Assert.Equal(ExitCodes.Ok, minute.ExitCode);

        Directory.CreateDirectory(Path.Combine(TemplatePath, ReferenceView.Folder));
        File.WriteAllLines(
            Path.Combine(TemplatePath, ReferenceView.Folder, "tickers.csv"),
            ["ticker,name,list_date,delisted_utc", .. chosen.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Ticker},x,{t.ListDate:yyyy-MM-dd},"))]);
        var splits = Tickers.SelectMany(t => sim.Truth.Splits(t))
            .Select(s => new SplitRecord(s.Ticker, s.ExecutionDate, s.SplitFrom, s.SplitTo));
        ReferenceView.WriteSplits(Path.Combine(TemplatePath, ReferenceView.Folder, "splits.csv"), splits);
        Directory.CreateDirectory(Path.Combine(TemplatePath, "_logs"));
        File.WriteAllText(Path.Combine(TemplatePath, "_logs", "run.log"), "a log line\n");
    }

    /// <summary>A private copy of the lake for one test.</summary>
    public TempDirectory Copy()
    {
        var copy = new TempDirectory("smallcaps-verify");
        foreach (var file in Directory.EnumerateFiles(TemplatePath, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(TemplatePath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }

        return copy;
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _template.Dispose();
}
