using System.Globalization;

namespace SmallCaps.Core.Http;

/// <summary>Settings of the one HTTP transport a run shares. Every default is documented; <see cref="Validate"/> checks ranges.</summary>
public sealed record TransportOptions
{
    /// <summary>The API root; only this scheme, host and port ever receive the key.</summary>
    /// <value>The default value is <c>https://api.massive.com</c>.</value>
    public Uri BaseUrl { get; init; } = new("https://api.massive.com");

    /// <summary>Requests in flight at once (and pooled connections). <c>--max-workers</c>.</summary>
    /// <value>The default value is 8; allowed 1..64.</value>
    public int MaxWorkers { get; init; } = 8;

    /// <summary>The ceiling of the run's token bucket. <c>--max-rps</c>; see <see cref="RatePreset"/>.</summary>
    /// <value>The default value is 50 (the vendor asks paid plans to stay under 100); <see cref="RatePreset.Free"/> is 5/min.</value>
    public double MaxRequestsPerSecond { get; init; } = RatePreset.Default;

    /// <summary>Tokens the bucket can hold, i.e. the largest burst; 0 picks min(MaxWorkers, rate per second), at least 1.</summary>
    /// <value>The default value is 0 (automatic).</value>
    public int RateBurst { get; init; }

    /// <summary>After 429s the rate never drops below MaxRequestsPerSecond times this fraction.</summary>
    /// <value>The default value is 0.05.</value>
    public double RateFloorFraction { get; init; } = 0.05;

    /// <summary>How long without a 429 before the rate climbs again, and the interval between climbs.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan RateRecoveryQuietPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Each climb adds MaxRequestsPerSecond times this fraction, up to the ceiling.</summary>
    /// <value>The default value is 0.1.</value>
    public double RateRecoveryStepFraction { get; init; } = 0.1;

    /// <summary>How long everyone pauses after a 429 that has no Retry-After header.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RateLimitPause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest Retry-After honoured; longer values are capped so every wait stays bounded.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>429 answers one request may receive before it fails as <see cref="MassiveErrorKind.RateLimited"/>.</summary>
    /// <value>The default value is 20; allowed 0..1000.</value>
    public int MaxRateLimitRetries { get; init; } = 20;

    /// <summary>TCP+TLS connect timeout.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time for one attempt: send, headers and the whole body.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a transient failure (5xx, timeout, reset, truncated body); 0 disables retries.</summary>
    /// <value>The default value is 6; allowed 0..20.</value>
    public int MaxRetries { get; init; } = 6;

    /// <summary>First retry delay; later ones grow exponentially with jitter.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two retries.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of failed attempts in the sampling window that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Attempts the window must hold before the ratio counts.</summary>
    /// <value>The default value is 20; at least 2.</value>
    public int BreakerMinimumThroughput { get; init; } = 20;

    /// <summary>The window the failure ratio is measured over.</summary>
    /// <value>The default value is 30 seconds; at least 0.5 s.</value>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The window the breaker really measures: at least three request timeouts, so that attempts that fail only by timing
    /// out (a server that accepts and never answers: one per worker per timeout) can fill it as refused ones do.
    /// </summary>
    public TimeSpan EffectiveBreakerSamplingDuration => BreakerSamplingDuration > RequestTimeout * 3 ? BreakerSamplingDuration : RequestTimeout * 3;

    /// <summary>How long the circuit stays open before one probe request is let through.</summary>
    /// <value>The default value is 15 seconds; at least 0.5 s.</value>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an outage (circuit open, probes failing) may last before requests fail as <see cref="MassiveErrorKind.Unavailable"/>.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan BreakerMaxPause { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest body accepted (a 50,000-bar page is about 5 MB).</summary>
    /// <value>The default value is 64 MiB.</value>
    public int MaxResponseBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Connections are replaced after this long so DNS changes are picked up.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The User-Agent header.</summary>
    /// <value>The default value is <c>smallcaps/0.1</c>.</value>
    public string UserAgent { get; init; } = "smallcaps/0.1";

    /// <summary>The proxy for a non-loopback BaseUrl; null takes the system's (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY). A loopback BaseUrl never goes through a proxy.</summary>
    /// <value>The default value is null (the system's proxy).</value>
    public System.Net.IWebProxy? Proxy { get; init; }

    /// <summary>The burst actually used by the rate gate.</summary>
    internal int EffectiveBurst => RateBurst > 0 ? RateBurst : (int)Math.Clamp(Math.Floor(MaxRequestsPerSecond), 1, MaxWorkers);

    /// <summary>Every problem with these settings, one line each, naming the CLI option where there is one; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"--base-url must be an absolute http(s) URL (got '{UrlRedactor.Redact(BaseUrl)}').");
        }
        else if (BaseUrl.UserInfo.Length > 0)
        {
            // Retry warnings and logs print the base URL: a password in it would be printed everywhere.
            problems.Add("--base-url must not carry a user name or password (the key goes in a header: pass it with --api-key).");
        }
        else if (BaseUrl.Query.Length > 0 || BaseUrl.Fragment.Length > 0)
        {
            problems.Add("--base-url must not carry a query or fragment (the key goes in a header).");
        }
        else if (BaseUrl.AbsolutePath != "/")
        {
            // Request paths start with their version (/v2/aggs, /v3/trades): a pasted ".../v2" would 404 every ticker.
            problems.Add($"--base-url must be the API root, without a path (got path '{Input.EchoedValue.Of(BaseUrl.AbsolutePath)}'): give e.g. https://api.massive.com.");
        }

        Check(problems, MaxWorkers is >= 1 and <= 64, $"--max-workers must be between 1 and 64 (got {MaxWorkers}).");
        Check(problems, MaxRequestsPerSecond >= RatePreset.Slowest && MaxRequestsPerSecond <= 10_000, $"--max-rps must be {RatePreset.Range} (got {Fmt(MaxRequestsPerSecond)} a second).");
        Check(problems, RateBurst is >= 0 and <= 10_000, $"RateBurst must be between 0 and 10000 (got {RateBurst}).");
        Check(problems, RateFloorFraction > 0 && RateFloorFraction <= 1, $"RateFloorFraction must be in (0, 1] (got {Fmt(RateFloorFraction)}).");
        Check(problems, RateRecoveryStepFraction > 0 && RateRecoveryStepFraction <= 1, $"RateRecoveryStepFraction must be in (0, 1] (got {Fmt(RateRecoveryStepFraction)}).");
        Check(problems, RateRecoveryQuietPeriod > TimeSpan.Zero, "RateRecoveryQuietPeriod must be positive.");
        Check(problems, RateLimitPause >= TimeSpan.Zero && RateLimitPause <= MaxRetryAfter, "RateLimitPause must be between 0 and MaxRetryAfter.");
        Check(problems, MaxRetryAfter >= TimeSpan.Zero && MaxRetryAfter <= TimeSpan.FromHours(1), "MaxRetryAfter must be between 0 and 1 hour.");
        Check(problems, MaxRateLimitRetries is >= 0 and <= 1000, $"MaxRateLimitRetries must be between 0 and 1000 (got {MaxRateLimitRetries}).");
        Check(problems, ConnectTimeout > TimeSpan.Zero && ConnectTimeout <= TimeSpan.FromMinutes(10), "ConnectTimeout must be between 0 and 10 minutes.");
        Check(problems, RequestTimeout > TimeSpan.Zero && RequestTimeout <= TimeSpan.FromHours(1), "RequestTimeout must be between 0 and 1 hour.");
        Check(problems, MaxRetries is >= 0 and <= 20, $"MaxRetries must be between 0 and 20 (got {MaxRetries}).");
        Check(problems, RetryBaseDelay >= TimeSpan.Zero && RetryBaseDelay <= RetryMaxDelay, "RetryBaseDelay must be between 0 and RetryMaxDelay.");
        Check(problems, RetryMaxDelay <= TimeSpan.FromHours(1), "RetryMaxDelay must be at most 1 hour.");
        Check(problems, BreakerFailureRatio > 0 && BreakerFailureRatio <= 1, $"BreakerFailureRatio must be in (0, 1] (got {Fmt(BreakerFailureRatio)}).");
        Check(problems, BreakerMinimumThroughput >= 2, "BreakerMinimumThroughput must be at least 2.");
        Check(problems, BreakerSamplingDuration >= TimeSpan.FromMilliseconds(500), "BreakerSamplingDuration must be at least 0.5 s.");
        Check(problems, BreakerBreakDuration >= TimeSpan.FromMilliseconds(500) && BreakerBreakDuration <= TimeSpan.FromDays(1), "BreakerBreakDuration must be between 0.5 s and 1 day.");
        Check(problems, BreakerMaxPause >= TimeSpan.Zero, "BreakerMaxPause must not be negative.");
        Check(problems, MaxResponseBytes >= 1024, "MaxResponseBytes must be at least 1 KiB.");
        Check(problems, PooledConnectionLifetime > TimeSpan.Zero, "PooledConnectionLifetime must be positive.");
        Check(problems, !string.IsNullOrWhiteSpace(UserAgent), "UserAgent must not be empty.");
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the first problem <see cref="Validate"/> finds.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(problems[0]);
        }
    }

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }

    private static string Fmt(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
