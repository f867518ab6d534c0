using System.Net;

namespace SmallCaps.Core.Http;

/// <summary>Names the proxy requests to the API go through, so its failures are not taken for the API's; never its credentials.</summary>
internal static class ProxyInUse
{
    /// <summary>"via proxy http://host:port/ from HTTPS_PROXY", or null when requests to <paramref name="baseUrl"/> go direct.</summary>
    public static string? Describe(Uri baseUrl, IWebProxy proxy, Func<string, string?> environment)
    {
        if (baseUrl.IsLoopback || proxy.IsBypassed(baseUrl) || proxy.GetProxy(baseUrl) is not { } address || address == baseUrl)
        {
            return null;
        }

        var shown = new UriBuilder(address) { UserName = string.Empty, Password = string.Empty }.Uri.GetLeftPart(UriPartial.Authority);
        string[] names = baseUrl.Scheme == Uri.UriSchemeHttps
            ? ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
            : ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];
        var source = names.FirstOrDefault(n => Names(environment(n), address)) ?? "the system proxy settings";
        return $"via proxy {shown} from {source}";
    }

    private static bool Names(string? value, Uri address)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;
        return Uri.TryCreate(text, UriKind.Absolute, out var named)
            && string.Equals(named.Host, address.Host, StringComparison.OrdinalIgnoreCase)
            && named.Port == address.Port;
    }
}
