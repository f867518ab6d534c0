using System.Text.Json;
using AngleSharp.Html.Parser;
using SmallCaps.Core.Verify;

namespace SmallCaps.Core.Tests.Verify;

[Collection(SimLakeCollection.Name)]
public sealed class VerifyReportFormatsTests(SimLakeFixture lake)
{
    [Fact]
    public void Json_WithFindings_ListsKindPathAndCoverage()
    {
        // Given
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, LakeLayoutView.MinuteDataset);
        File.Delete(LakeSurgery.Full(dir.Path, entry));
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });
        using var stream = new MemoryStream();

        // When
        VerifyJsonReport.Write(report, stream);

        // Then
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.False(root.GetProperty("clean").GetBoolean());
        Assert.Contains(root.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "missing-file" && f.GetProperty("path").GetString() == entry.FilePath);
        Assert.Equal(1, root.GetProperty("counts").GetProperty("missing-file").GetInt32());
        Assert.Equal(lake.Tickers.Count, root.GetProperty("coverage").GetArrayLength());
    }

    [Fact]
    public void Html_WithFindings_HasCoverageSvgAndFindingsTable()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, LakeLayoutView.DailyDataset);
        LakeSurgery.FlipByte(LakeSurgery.Full(dir.Path, entry), 200);
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        var html = VerifyHtmlReport.Render(report);

        var doc = new HtmlParser().ParseDocument(html);
        var svg = doc.QuerySelector("svg#coverage");
        Assert.NotNull(svg);
        Assert.Equal(lake.Tickers.Count, svg!.QuerySelectorAll("rect.cell").Length);
        Assert.Single(svg.QuerySelectorAll("rect.findings"));
        var rows = doc.QuerySelectorAll("table#findings tr.finding");
        Assert.Equal(report.Findings.Count, rows.Length);
        Assert.Contains(rows, r => r.TextContent.Contains("hash-mismatch", StringComparison.Ordinal) && r.TextContent.Contains(entry.FilePath!, StringComparison.Ordinal));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_CleanLake_SaysClean()
    {
        using var dir = lake.Copy();
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });
        using var writer = new StringWriter();

        VerifyTextReport.Write(report, writer);

        Assert.Contains("clean: no findings", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("hash-mismatch", writer.ToString(), StringComparison.Ordinal);
    }
}
