using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SmallCaps.Simulator.Faults;
using SmallCaps.Simulator.Hosting;
using SmallCaps.Simulator.Market;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator;

/// <summary>
/// A running Massive-compatible simulator: Kestrel on <see cref="SimulatorOptions.Host"/> with two listeners,
/// the API (<see cref="BaseUrl"/>) and a foreign host (<see cref="ForeignBaseUrl"/>) that records keys sent to it.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, SimulatorOptions options, Uri baseUrl, Uri foreignBaseUrl, GroundTruth truth, FaultLog faults, RequestLog requests)
    {
        _app = app;
        Options = options;
        BaseUrl = baseUrl;
        ForeignBaseUrl = foreignBaseUrl;
        Truth = truth;
        FaultLog = faults;
        RequestLog = requests;
    }

    /// <summary>The options the simulator runs with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Base URL of the API, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash in its string form).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Base URL of the foreign host listener (same API, no key required, counts keys it receives).</summary>
    public Uri ForeignBaseUrl { get; }

    /// <summary>The exact rows the simulator serves, for assertions.</summary>
    public GroundTruth Truth { get; }

    /// <summary>Injected faults so far.</summary>
    public FaultLog FaultLog { get; }

    /// <summary>Requests received so far.</summary>
    public RequestLog RequestLog { get; }

    /// <summary>The accepted API key.</summary>
    public string ApiKey => Options.ApiKey;

    /// <summary>Generates the universe and starts listening; returns once both listeners are bound.</summary>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var market = new MarketData(options.Seed, options.UniverseSize, options.AsOf, options.DataStart, options.IncludeWellKnownTickers);
        var faults = new FaultLog();
        var requests = new RequestLog();
        var handler = new SimulatorApp(options, market, requests, faults);
        var address = IPAddress.Parse(options.Host);
        ListenOptions? api = null, foreign = null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestLineSize = 64 * 1024;
            k.Listen(address, options.Port, l => api = l);
            k.Listen(address, options.ForeignPort, l => foreign = l);
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        handler.ApiPort = ((IPEndPoint)api!.EndPoint).Port;
        handler.ForeignPort = ((IPEndPoint)foreign!.EndPoint).Port;
        return new SimulatorHost(app, options, new Uri(handler.ApiBase), new Uri(handler.ForeignBase), new GroundTruth(market), faults, requests);
    }

    /// <summary>Stops both listeners.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
