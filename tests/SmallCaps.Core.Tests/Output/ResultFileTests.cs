using SmallCaps.Core.Output;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Output;

public sealed class ResultFileTests
{
    [Fact]
    public async Task ReplaceAsync_TargetHeldThroughEveryAttempt_KeepsTheResultBesideItAndNamesBoth()
    {
        // Given: a target that cannot be replaced (a folder stands in for a file Excel holds open), and a finished result
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 10, 17, 22, 30, 0, TimeSpan.Zero));
        var target = dir.Combine("universe.csv");
        Directory.CreateDirectory(Path.Combine(target, "held"));
        var temp = ResultFile.TempFor(target);
        await File.WriteAllTextAsync(temp, "ticker\nAAA\n");

        // When
        var replacing = ResultFile.ReplaceAsync(temp, target, clock);
        await AdvanceUntilDoneAsync(replacing, clock);
        var ex = await Assert.ThrowsAsync<ResultNotReplacedException>(() => replacing);

        // Then: after 10 attempts (2.7 s) the result is kept under a clear name beside the target, and the message names both
        var kept = dir.Combine("universe.new-20251017T223002Z.csv");
        Assert.Equal(kept, ex.KeptAt);
        Assert.Equal("ticker\nAAA\n", await File.ReadAllTextAsync(kept));
        Assert.False(File.Exists(temp));
        Assert.StartsWith($"could not replace {target} (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Is it open in another program, e.g. Excel?); the result was written to {kept}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceAsync_TargetFreedDuringTheRetries_Replaced()
    {
        // Given: the target is held at the first attempt
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        var target = dir.Combine("manifest.csv");
        Directory.CreateDirectory(target);
        var temp = ResultFile.TempFor(target);
        await File.WriteAllTextAsync(temp, "new");
        var replacing = ResultFile.ReplaceAsync(temp, target, clock);
        Assert.False(replacing.IsCompleted);

        // When: the other program lets go
        Directory.Delete(target);
        await AdvanceUntilDoneAsync(replacing, clock);
        await replacing;

        // Then
        Assert.Equal("new", await File.ReadAllTextAsync(target));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    private static async Task AdvanceUntilDoneAsync(Task task, FakeTimeProvider clock)
    {
        for (var step = 0; step < 100 && !task.IsCompleted; step++)
        {
            await Task.Delay(5);
            clock.Advance(ResultFile.Pause);
        }
    }
}
