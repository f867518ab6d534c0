namespace SmallCaps.Core.Http;

/// <summary>Decides which URLs may receive the key: only the configured scheme, host and port.</summary>
internal static class OriginGuard
{
    /// <summary>True when <paramref name="url"/> has the same scheme, host (any case) and port as <paramref name="baseUrl"/>.</summary>
    public static bool IsSameOrigin(Uri url, Uri baseUrl) =>
        url.IsAbsoluteUri
        && string.Equals(url.Scheme, baseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, baseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == baseUrl.Port;

    /// <summary>The error for a next_url that points elsewhere: the key is never sent there.</summary>
    public static MassiveApiException Foreign(Uri url, Uri baseUrl) => new(
        MassiveErrorKind.Protocol,
        $"The API pointed at {Origin(url)}, not the configured {Origin(baseUrl)}; the request was not sent (the key goes only to the configured host). URL: {UrlRedactor.Redact(url)}",
        isTransient: false,
        url: UrlRedactor.Redact(url));

    private static string Origin(Uri url) => url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}" : url.OriginalString;
}
