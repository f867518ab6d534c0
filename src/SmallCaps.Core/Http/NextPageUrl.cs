namespace SmallCaps.Core.Http;

/// <summary>Turns a page's <c>next_url</c> into the next request's URL, never leaving the configured host.</summary>
internal static class NextPageUrl
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>The URL to fetch after <paramref name="current"/>; throws <see cref="MassiveApiException"/> for unreadable or foreign URLs.</summary>
    public static Uri Resolve(MassiveTransport transport, string next, Uri current)
    {
        // Absolute URLs are followed byte for byte; a relative one (not seen in practice) is resolved against the current page.
        // On Unix "/path" parses as an absolute file: URI, so a leading slash always means relative.
        Uri? url = null;
        var parsed = next.StartsWith('/')
            ? Uri.TryCreate(current, next, out url)
            : Uri.TryCreate(next, Verbatim, out url) || Uri.TryCreate(current, next, out url);
        if (!parsed || url is null)
        {
            throw new MassiveApiException(MassiveErrorKind.Protocol, $"The API returned an unreadable next_url after {UrlRedactor.Redact(current)}.", isTransient: false, url: UrlRedactor.Redact(current));
        }

        // Never send the key to a host a response names.
        return transport.IsOnConfiguredHost(url) ? url : throw OriginGuard.Foreign(url, transport.Options.BaseUrl);
    }
}
