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

    [Fact]
    public async Task Verify_DamagedReferenceFileInTheLake_ReportsItAsAFindingWithTheRestOfTheReport()
    {
        // Given: a details file of the reference lake that is not Parquet
        using var lake = await VerifyCliLake.BuildAsync();
        var details = Path.Combine(lake.Path, "reference", "details", "snapshot_date=2024-04-01", "part-00000.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(details)!);
        await File.WriteAllTextAsync(details, "not parquet");

        // When
        var result = await VerifyCliLake.RunAsync("verify", "--outdir", lake.Path, "--json");

        // Then: findings, not an error: the file named, the bars still checked
        Assert.Equal(1, result.Code);
        Assert.Equal(string.Empty, result.Err);
        using var doc = JsonDocument.Parse(result.Out);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("kind").GetString() == "unreadable-file" && f.GetProperty("path").GetString() == "reference/details/snapshot_date=2024-04-01/part-00000.parquet");
        Assert.True(doc.RootElement.GetProperty("totals").GetProperty("rows").GetInt64() > 0);
    }

    [Theory]
    [InlineData("file/report.html", "error: --html {html}: ")]
    [InlineData("", "error: --html needs a file name")]
    [InlineData("folder", "error: --html {html} is a folder")]
    public async Task Verify_HtmlPathThatCannotTakeTheReport_ExitsTwoBeforeCheckingAnything(string html, string expected)
    {
        // Given: an outdir (empty: a verify run would end with findings) and a work folder with a file and a folder
        using var lake = new TempDirectory("smallcaps-cli-verify-empty");
        using var work = new TempDirectory("smallcaps-cli-html");
        await File.WriteAllTextAsync(work.Combine("file"), "x");
        Directory.CreateDirectory(work.Combine("folder"));
        var before = Directory.EnumerateFileSystemEntries(work.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        // When
        var argument = html.Length == 0 ? html : work.Combine(html);
        var result = await VerifyCliLake.RunAsync("verify", "--outdir", lake.Path, "--html", argument);

        // Then: one line naming --html, no report printed, nothing written
        Assert.Equal(2, result.Code);
        Assert.Equal(string.Empty, result.Out);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected.Replace("{html}", argument, StringComparison.Ordinal), line, StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(work.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(lake.Path));
    }

    [Fact]
    public async Task Verify_OutdirIsAFile_SaysItIsAFile()
    {
        using var work = new TempDirectory("smallcaps-cli-verify-file");
        var file = work.Combine("lake");
        await File.WriteAllTextAsync(file, "x");

        var result = await VerifyCliLake.RunAsync("verify", "--outdir", file);

        Assert.Equal(2, result.Code);
        Assert.Equal($"error: --outdir {file} is a file, not a folder", result.Err.Trim());
    }

    [Fact]
    public async Task Verify_UniverseCannotBeRead_ExitsTwoWithOneLineNamingTheOption()
    {
        // Given: an outdir, and a --universe file that exists but cannot be read
        using var work = new TempDirectory("smallcaps-cli-verify-unreadable");
        Directory.CreateDirectory(work.Combine("lake"));
        using var unreadable = new UnreadableFile(work.Combine("universe.csv"));

        // When
        var result = await VerifyCliLake.RunAsync("verify", "--outdir", work.Combine("lake"), "--universe", unreadable.Path);

        // Then
        Assert.Equal(2, result.Code);
        Assert.StartsWith($"error: --universe {unreadable.Path}: cannot read (", Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_UniverseHeaderWithControlCharacters_EchoedEscapedOnOneLine()
    {
        // Given: a header without a ticker column, holding a carriage return and an escape
        using var work = new TempDirectory("smallcaps-cli-verify-header");
        Directory.CreateDirectory(work.Combine("lake"));
        var csv = work.Combine("universe.csv");
        await File.WriteAllTextAsync(csv, "\"sym\rbol\u001b[31m\",list_date\nAAPL,1980-12-12\n");

        // When
        var result = await VerifyCliLake.RunAsync("verify", "--outdir", work.Combine("lake"), "--universe", csv);

        // Then
        Assert.Equal(2, result.Code);
        Assert.Equal($"error: {csv}:1: no 'ticker' column in header \"sym\\u000dbol\\u001b[31m,list_date\"", result.Err.Trim());
    }
}
