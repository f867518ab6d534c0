using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

/// <summary>A corporate web filter's 403 page is not the vendor's plan verdict: the windows fail (exit 1) and the next run fetches them.</summary>
public sealed class WebFilterCliTests
{
    [Fact]
    public async Task IngestDaily_WebFilterAnswers403Html_FailedNotNotEntitledAndFetchedNextRun()
    {
        // Given: a filter that answers every request with its "Access Denied" page, then the real API
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 7 });
        await using var filter = await StartFilterAsync();
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        string[] run = ["ingest-daily", "--tickers-csv", CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 3)), "--outdir", outdir, "--from", "2024-01-01", "--to", "2024-03-31", "--api-key", sim.ApiKey];

        // When
        var blocked = await CliHarness.RunAsync([.. run, "--base-url", Address(filter)]);
        IReadOnlyList<LedgerTask> afterBlocked;
        using (var ledger = SqliteLedger.Open(outdir, TimeProvider.System))
        {
            afterBlocked = ledger.Tasks("bars_1d");
        }

        var nextNight = await CliHarness.RunAsync([.. run, "--base-url", sim.BaseUrl.ToString()]);

        // Then
        Assert.True(blocked.ExitCode == ExitCodes.SomeFailed, blocked.Out + blocked.Error);
        Assert.Equal(3, afterBlocked.Count);
        Assert.All(afterBlocked, t =>
        {
            Assert.Equal(TaskState.Failed, t.State);
            Assert.Contains("HTTP 403 with an HTML page, not the API's answer: a proxy or web filter between you and the API?", t.LastError, StringComparison.Ordinal);
        });
        Assert.True(nextNight.ExitCode == ExitCodes.Ok, nextNight.Out + nextNight.Error);
        Assert.Contains("done 3", nextNight.Out);
    }

    private static async Task<WebApplication> StartFilterAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head><title>Access Denied</title></head><body>This site is blocked by your organization policy.</body></html>");
        });
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
