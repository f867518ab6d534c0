using SmallCaps.Core.Http;
using SmallCaps.Core.Input;

namespace SmallCaps.Cli.Ingest;

/// <summary>The API settings every fetching verb shares: validated in one place, each problem one input-error line.</summary>
internal sealed record ApiConnection(TransportOptions Options, ApiKeyResolution Key)
{
    /// <summary>The vendor's current REST host; the old api.polygon.io works through --base-url too.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.massive.com");

    /// <summary>Checks --max-rps, --base-url and --max-workers, then finds the key (--api-key, environment, .env).</summary>
    /// <param name="maxRps">--max-rps text (null: the default rate).</param>
    /// <param name="baseUrlText">--base-url text (null: <see cref="DefaultBaseUrl"/>).</param>
    /// <param name="maxWorkers">--max-workers.</param>
    /// <param name="apiKey">--api-key (null: look in the environment, then .env).</param>
    /// <param name="environment">Environment to look the key up in (null: the process environment).</param>
    /// <param name="noKeyHint">Appended to the no-key message, e.g. an offline alternative the verb offers.</param>
    public static ApiConnection Resolve(string? maxRps, string? baseUrlText, int maxWorkers, string? apiKey, IReadOnlyDictionary<string, string?>? environment, string noKeyHint = "")
    {
        var rps = RatePreset.Default;
        if (maxRps is not null && !RatePreset.TryParse(maxRps, out rps, out var rateError))
        {
            throw new InputException(rateError);
        }

        var baseUrl = DefaultBaseUrl;
        if (baseUrlText is not null && (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out baseUrl!) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            throw new InputException($"--base-url \"{EchoedValue.Of(WithoutUserInfo(baseUrlText))}\" is not an absolute http(s) URL: give the API root, e.g. {DefaultBaseUrl.OriginalString}");
        }

        var options = new TransportOptions { BaseUrl = baseUrl, MaxWorkers = maxWorkers, MaxRequestsPerSecond = rps };
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new InputException(problems[0]);
        }

        ApiKeyResolution? key;
        try
        {
            key = ApiKeyResolver.Resolve(apiKey, environment ?? ApiKeyResolver.ProcessEnvironment(), Directory.GetCurrentDirectory());
        }
        catch (ApiKeyException ex)
        {
            throw new InputException(ex.Message, ex);
        }

        return key is null
            ? throw new InputException($"no API key: pass --api-key, or set {ApiKeyResolver.MassiveVariable} (or {ApiKeyResolver.PolygonVariable}), or put it in .env{noKeyHint}")
            : new ApiConnection(options, key);
    }

    // A password typed into the URL is never echoed back: the authority's "user:password@" becomes "***@".
    private static string WithoutUserInfo(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return url;
        }

        start += 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        var at = (end < 0 ? url[start..] : url[start..end]).LastIndexOf('@');
        return at < 0 ? url : string.Concat(url.AsSpan(0, start), "***", url.AsSpan(start + at));
    }
}
