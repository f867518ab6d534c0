using System.Text.Json;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Verify;

public sealed class VerifyProgressCliTests
{
    [Fact]
    public async Task Verify_LongRunRedirected_ProgressLinesOnStderr_ReportUnchanged()
    {
        // Given: the same lake verified quickly, then over minutes of the verb's clock
        using var lake = await VerifyCliLake.BuildAsync();
        var quick = await VerifyCliLake.RunAsync(new FakeTimeProvider(TimeProvider.System.GetUtcNow()), "verify", "--outdir", lake.Path);

        // When
        var slow = await VerifyCliLake.RunLongAsync("verify", "--outdir", lake.Path);

        // Then: the short run printed no progress; the long one only progress lines on stderr, the same report and exit code
        Assert.Empty(quick.Err);
        Assert.Equal((quick.Code, quick.Out), (slow.Code, slow.Out));
        var lines = slow.Err.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(@"^(reading the ledger and reference|starting|checked \d+/\d+ files  [\d.]+/[\d.]+ MB)  elapsed \d\d:\d\d:\d\d", l));
    }

    [Fact]
    public async Task Verify_JsonLongRun_StdoutIsOnlyTheJson()
    {
        // Given
        using var lake = await VerifyCliLake.BuildAsync();
        var quick = await VerifyCliLake.RunAsync(new FakeTimeProvider(TimeProvider.System.GetUtcNow()), "verify", "--outdir", lake.Path, "--json");

        // When
        var slow = await VerifyCliLake.RunLongAsync("verify", "--outdir", lake.Path, "--json");

        // Then: progress went to stderr; stdout is the same valid JSON
        Assert.NotEmpty(slow.Err);
        using var doc = JsonDocument.Parse(slow.Out);
        Assert.Equal(quick.Out, slow.Out);
        Assert.Equal(quick.Code, slow.Code);
    }
}
