using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

/// <summary>TLS failures say their real cause, and an untrusted certificate (a TLS-inspecting proxy) stops at once instead of pausing as an outage.</summary>
public sealed class TlsFailureTests
{
    [Fact]
    public async Task GetPageAsync_SelfSignedCertificate_FailsFastNamingTheCause()
    {
        // Given: an HTTPS server whose certificate no store trusts, as a TLS-inspecting corporate proxy looks
        await using var app = await StartHttpsAsync();
        var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var transport = new MassiveTransport(StubTransport.Options(baseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then: the run stops (exit 1) on the first attempt, saying why and what to do
        Assert.Equal(MassiveErrorKind.Unavailable, ex.Kind);
        Assert.True(ex.IsRunFatal);
        Assert.False(ex.IsTransient);
        Assert.Equal(0, transport.Metrics.Retries);
        Assert.Equal(0, transport.Metrics.CircuitOpenings);
        Assert.Contains("the TLS certificate is not trusted here: The remote certificate is invalid", ex.Message, StringComparison.Ordinal);
        Assert.Contains("install its root certificate", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("see inner exception", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPageAsync_HttpsToAPlainHttpPort_NamesTheHandshakeCause()
    {
        // Given: https:// to the plain-HTTP port of a server (as to the simulator)
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, """{"status":"OK","results":[]}"""));
        var https = new UriBuilder(stub.BaseUrl) { Scheme = "https" }.Uri;
        using var transport = new MassiveTransport(StubTransport.Options(https) with { MaxRetries = 0 }, StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Contains("the TLS handshake failed: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the simulator speaks http://", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("see inner exception", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartHttpsAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(ctx => StubApi.JsonAsync(ctx, 200, """{"status":"OK","results":[]}"""));
        await app.StartAsync();
        return app;
    }
}
