using SmallCaps.Core.Ingest;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Commands;

public sealed class DemoCliTests
{
    [Theory]
    [InlineData("--tickers", "0", "error: --tickers must be 1-500 (got 0)")]
    [InlineData("--years", "21", "error: --years must be 1-20 (got 21)")]
    [InlineData("--minute-years", "-1", "error: --minute-years must be 0-20 (got -1)")]
    public async Task Demo_CountOutOfRange_OneLineNamingTheOptionNothingWritten(string option, string value, string expected)
    {
        // Given
        using var dir = new TempDirectory();
        var outdir = dir.Combine("demo");

        // When
        var result = await CliHarness.RunAsync(["demo", "--outdir", outdir, option, value]);

        // Then
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(expected, result.Error.Trim());
        Assert.False(Directory.Exists(outdir));
    }
}
