using System.Globalization;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

public sealed class LogRetentionTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 2, 0, 0, DateTimeKind.Utc);

    private static string Nightly(string folder, string name, int night)
    {
        var path = Path.Combine(folder, $"{name}-{Start.AddDays(night).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.log");
        File.WriteAllText(path, "run\n");
        return path;
    }

    [Fact]
    public void Prune_MoreThanKept_OldestOfThatNameOnlyGo()
    {
        // Given: 105 nightly logs of bars_1m, and files of other names
        using var dir = new TempDirectory();
        var logs = Enumerable.Range(0, 105).Select(n => Nightly(dir.Path, "bars_1m", n)).ToList();
        var others = new[] { Nightly(dir.Path, "bars_1d", 0), Nightly(dir.Path, "bars_1m_x", 0), Path.Combine(dir.Path, "bars_1m-notes.log") };
        File.WriteAllText(others[^1], "mine\n");

        // When
        var removed = LogRetention.Prune(dir.Path, "bars_1m", 100);

        // Then
        Assert.Equal(5, removed);
        Assert.All(logs.Take(5), f => Assert.False(File.Exists(f)));
        Assert.All(logs.Skip(5), f => Assert.True(File.Exists(f)));
        Assert.All(others, f => Assert.True(File.Exists(f)));
    }

    [Fact]
    public void Create_RunLogOpened_KeepsTheNewestHundredWithIt()
    {
        // Given: 120 logs of earlier nightly runs
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, LakeLayout.LogsFolder);
        Directory.CreateDirectory(folder);
        var logs = Enumerable.Range(0, 120).Select(n => Nightly(folder, "bars_1d", n)).ToList();

        // When: tonight's run opens its log
        using (var log = RunLogger.Create(dir.Path, "bars_1d", new FakeTimeProvider(new DateTimeOffset(Start.AddDays(200))), consoleWarnings: false))
        {
            log.Information("tonight");
        }

        // Then: 99 earlier logs and tonight's
        var kept = Directory.GetFiles(folder, "bars_1d-*.log").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(LogRetention.Kept, kept.Count);
        Assert.Equal(logs.Skip(21), kept.Take(99));
        Assert.Contains("tonight", File.ReadAllText(kept[^1]), StringComparison.Ordinal);
    }
}
