using SmallCaps.Core.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Verify;

/// <summary>The HTML report renders in a real browser: Debian's headless Chromium takes a screenshot.</summary>
[Collection(SimLakeCollection.Name)]
public sealed class HtmlReportChromiumTests(SimLakeFixture lake)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Html_InHeadlessChromium_RendersANonTrivialScreenshot()
    {
        // Given: a report with findings, written to a file
        await EnsureChromiumAsync();
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, LakeLayoutView.MinuteDataset);
        File.Delete(LakeSurgery.Full(dir.Path, entry));
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });
        using var work = new TempDirectory("smallcaps-chromium");
        var html = work.Combine("report.html");
        await File.WriteAllTextAsync(html, VerifyHtmlReport.Render(report));
        var png = work.Combine("report.png");

        // When
        var (code, stdout, stderr) = await NodeOracle.RunProcessAsync(
            Chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", $"--user-data-dir={work.Combine("profile")}", $"--screenshot={png}",
             "--window-size=1280,900", new Uri(html).AbsoluteUri],
            work.Path,
            TimeSpan.FromMinutes(2));

        // Then
        Assert.True(File.Exists(png), $"no screenshot (exit {code}): {stdout} {stderr}");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 10_000, $"screenshot is only {bytes.Length} bytes");
    }

    // The test machine may lack a browser: install Debian's (CI's .ci/run does the same up front).
    private static async Task EnsureChromiumAsync()
    {
        if (File.Exists(Chromium))
        {
            return;
        }

        var (code, _, stderr) = await NodeOracle.RunProcessAsync("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], Path.GetTempPath(), TimeSpan.FromMinutes(10));
        Assert.True(code == 0 && File.Exists(Chromium), $"could not install chromium: {stderr}");
    }
}
