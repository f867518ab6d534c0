using NodaTime;
using SmallCaps.Simulator.Faults;

namespace SmallCaps.Simulator;

/// <summary>
/// Everything that shapes a simulator run: network, key, the synthetic market, plan entitlements, rate limit and
/// faults. Settable in-process (tests) or from command-line arguments (<see cref="Parse"/>).
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Interface to listen on. <value>The default value is 127.0.0.1.</value></summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port of the API. <value>The default value is 0 (any free port).</value></summary>
    public int Port { get; set; }

    /// <summary>Port of the second listener playing a foreign host. <value>The default value is 0 (any free port).</value></summary>
    public int ForeignPort { get; set; }

    /// <summary>The only accepted API key (query <c>apiKey</c> or <c>Authorization: Bearer</c>). <value>The default value is "sim-key".</value></summary>
    public string ApiKey { get; set; } = "sim-key";

    /// <summary>Seed of the market and of rate-based faults. <value>The default value is 42.</value></summary>
    public long Seed { get; set; } = 42;

    /// <summary>Number of listings generated (all types, active and delisted). <value>The default value is 12000.</value></summary>
    public int UniverseSize { get; set; } = 12_000;

    /// <summary>"Today" of the simulated market: last day with data; adjusted prices use splits up to it. <value>The default value is 2026-06-30.</value></summary>
    public LocalDate AsOf { get; set; } = new(2026, 6, 30);

    /// <summary>First day with bars, trades and quotes (not before 1990). <value>The default value is 2003-01-02.</value></summary>
    public LocalDate DataStart { get; set; } = new(2003, 1, 2);

    /// <summary>Adds AAPL and META (ex FB) so the vendor's captured requests have data. <value>The default value is true.</value></summary>
    public bool IncludeWellKnownTickers { get; set; } = true;

    /// <summary>Plan limit: minute bars before this date answer 403 NOT_AUTHORIZED. <value>The default value is null (no limit).</value></summary>
    public LocalDate? MinuteHistoryFrom { get; set; }

    /// <summary>Plan includes /v3/trades; otherwise 403. <value>The default value is true.</value></summary>
    public bool TradesEntitled { get; set; } = true;

    /// <summary>Plan includes /v3/quotes; otherwise 403. <value>The default value is true.</value></summary>
    public bool QuotesEntitled { get; set; } = true;

    /// <summary>Per-key token bucket refill in requests/second; above it requests get 429. <value>The default value is 0 (no limit).</value></summary>
    public double RateLimitPerSecond { get; set; }

    /// <summary>Bucket size of the rate limit. <value>The default value is 0 (= ceiling of the rate).</value></summary>
    public int RateLimitBurst { get; set; }

    /// <summary>Turns on the chaos preset of fault rates (explicit <see cref="FaultRates"/> override it). <value>The default value is false.</value></summary>
    public bool Chaos { get; set; }

    /// <summary>Probability per request of each fault kind. <value>The default value is empty (no faults).</value></summary>
    public Dictionary<FaultKind, double> FaultRates { get; } = [];

    /// <summary>Deterministic faults by path and request count, checked before rates. <value>The default value is empty.</value></summary>
    public List<FaultRule> FaultRules { get; } = [];

    /// <summary>Delay of the <c>slow</c> fault. <value>The default value is 2 seconds.</value></summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Writes volumes of a million or more as <c>1.029145e+06</c>, as the vendor sometimes does. <value>The default value is true.</value></summary>
    public bool ExponentVolumes { get; set; } = true;

    /// <summary>Clock of the rate limiter and slow responses (tests inject a fake). <value>The default value is <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The chaos preset: about one request in four misbehaves (foreign next_url is never part of it).</summary>
    public static IReadOnlyDictionary<FaultKind, double> ChaosRates { get; } = new Dictionary<FaultKind, double>
    {
        [FaultKind.TooManyRequests] = 0.03,
        [FaultKind.TooManyRequestsNoRetryAfter] = 0.02,
        [FaultKind.InternalServerError] = 0.02,
        [FaultKind.BadGateway] = 0.01,
        [FaultKind.ServiceUnavailable] = 0.02,
        [FaultKind.Slow] = 0.01,
        [FaultKind.ConnectionReset] = 0.02,
        [FaultKind.TruncatedJson] = 0.02,
        [FaultKind.NullResults] = 0.01,
        [FaultKind.Delayed] = 0.02,
        [FaultKind.RepeatedBar] = 0.05,
    };

    /// <summary>Parses command-line arguments (see <see cref="SimulatorCommandLine.Options"/>).</summary>
    public static SimulatorOptions Parse(IReadOnlyList<string> args) => SimulatorCommandLine.Parse(args);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535 || ForeignPort is < 0 or > 65535)
        {
            throw new ArgumentException("Ports must be within 0-65535.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("The API key must not be empty.");
        }

        if (UniverseSize is < 10 or > 200_000)
        {
            throw new ArgumentException("Universe size must be within 10-200000.");
        }

        if (AsOf.Year is < 1991 or > 2040 || DataStart > AsOf)
        {
            throw new ArgumentException("As-of date must be within 1991-2040 and after the data start.");
        }

        if (RateLimitPerSecond < 0 || RateLimitBurst < 0)
        {
            throw new ArgumentException("Rate limit and burst must not be negative.");
        }

        var total = EffectiveFaultRates().Values.Sum();
        if (EffectiveFaultRates().Values.Any(r => r is < 0 or > 1) || total > 1)
        {
            throw new ArgumentException("Fault rates must be within 0-1 and add up to at most 1.");
        }
    }

    internal IReadOnlyDictionary<FaultKind, double> EffectiveFaultRates()
    {
        var rates = Chaos ? ChaosRates.ToDictionary() : [];
        foreach (var (k, v) in FaultRates)
        {
            rates[k] = v;
        }

        return rates;
    }
}
