using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmallCaps.Core.Tests.Http;

/// <summary>A Kestrel stub on 127.0.0.1, port 0: a handler answers each request, every request is recorded.</summary>
internal sealed class StubApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _count;

    private StubApi(WebApplication app, Func<HttpContext, int, Task> handler)
    {
        _app = app;
        app.Run(async context =>
        {
            var index = Interlocked.Increment(ref _count) - 1;
            _requests.Enqueue(new RecordedRequest(
                index,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.FirstOrDefault(),
                context.Request.Headers.AcceptEncoding.FirstOrDefault()));
            await handler(context, index);
        });
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests.OrderBy(r => r.Index)];

    public int Count => Volatile.Read(ref _count);

    /// <summary>Starts a stub; <paramref name="handler"/> gets the context and the 0-based request number.</summary>
    public static async Task<StubApi> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var stub = new StubApi(builder.Build(), handler);
        await stub._app.StartAsync();
        var address = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.BaseUrl = new Uri(address);
        return stub;
    }

    /// <summary>Writes a JSON body with a status.</summary>
    public static async Task JsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
