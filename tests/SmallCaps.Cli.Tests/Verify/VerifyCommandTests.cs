using System.Text.Json;
using SmallCaps.Core.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Verify;

public sealed class VerifyCommandTests
{
    [Fact]
    public async Task Verify_CleanLakeThenCorrupted_ExitsZeroThenOneNamingTheFile()
    {
        // Given
        using var lake = await VerifyCliLake.BuildAsync();
        using var work = new TempDirectory("smallcaps-cli-html");

        // When: clean
        var clean = await VerifyCliLake.RunAsync("verify", "--outdir", lake.Path);

        // Then
        Assert.Equal(0, clean.Code);
        Assert.Contains("clean: no findings", clean.Out, StringComparison.Ordinal);

        // When: one file truncated, JSON and HTML asked for
        var victim = Directory.EnumerateFiles(lake.Path, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        using (var fs = new FileStream(victim, FileMode.Open))
        {
            fs.SetLength(fs.Length / 2);
        }

        var html = work.Combine("report.html");
        var dirty = await VerifyCliLake.RunAsync("verify", "--outdir", lake.Path, "--json", "--html", html);

        // Then
        Assert.Equal(1, dirty.Code);
        using var doc = JsonDocument.Parse(dirty.Out);
        var relative = LakeLayoutView.Relative(lake.Path, victim);
        Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "size-mismatch" && f.GetProperty("path").GetString() == relative);
        Assert.True(File.Exists(html));
        Assert.Contains("<svg id=\"coverage\"", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingOutdir_ExitsTwoWithOneLine()
    {
        var result = await VerifyCliLake.RunAsync("verify", "--outdir", "/nonexistent/lake");

        Assert.Equal(2, result.Code);
        Assert.Equal("error: --outdir /nonexistent/lake does not exist", result.Err.Trim());
    }
}
