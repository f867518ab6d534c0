using System.Net.Http.Headers;

namespace SmallCaps.Core.Http;

/// <summary>
/// Adds <c>Authorization: Bearer</c> at the last moment, only for the configured origin, and removes it once
/// the request is on the wire so that a logged or inspected request never shows the key.
/// </summary>
internal sealed class BearerTokenHandler(ApiKey key, Uri baseUrl) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } url || !OriginGuard.IsSameOrigin(url, baseUrl))
        {
            // Defence in depth: the transport already refuses foreign URLs before they reach here.
            throw OriginGuard.Foreign(request.RequestUri ?? new Uri("about:blank"), baseUrl);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            request.Headers.Authorization = null;
        }
    }
}
