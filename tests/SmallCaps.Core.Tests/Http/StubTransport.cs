using System.Buffers;
using System.Text;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

/// <summary>Transport settings for loopback stubs: tiny real-time delays so tests need no fake clock and stay fast.</summary>
internal static class StubTransport
{
    public const string Secret = "SeCrEtKeY0123456789";

    public static ApiKey Key { get; } = ApiKey.Create(Secret);

    public static TransportOptions Options(Uri baseUrl) => new()
    {
        BaseUrl = baseUrl,
        MaxWorkers = 4,
        MaxRequestsPerSecond = 1000,
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        RateLimitPause = TimeSpan.FromMilliseconds(5),
        RequestTimeout = TimeSpan.FromSeconds(10),
        BreakerMinimumThroughput = 1000,
    };

    /// <summary>A decoder that returns the body as text (tests only; the real decoders never build strings).</summary>
    public static string Text(ReadOnlySequence<byte> body) => Encoding.UTF8.GetString(body.ToArray());
}
