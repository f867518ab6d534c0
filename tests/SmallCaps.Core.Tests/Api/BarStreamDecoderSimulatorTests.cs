using System.Net.Http.Headers;
using SmallCaps.Simulator;

namespace SmallCaps.Core.Tests.Api;

/// <summary>The streaming decoder against the reader decoder on real simulator pages (vendor key order, exponent volumes, symbols).</summary>
public sealed class BarStreamDecoderSimulatorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Complete_SimulatorPages_SameAsReaderDecoder(bool exponentVolumes)
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, ExponentVolumes = exponentVolumes });
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sim.ApiKey);
        string[] paths =
        [
            "/v2/aggs/ticker/AAPL/range/1/minute/2024-01-02/2024-02-29?limit=50000",
            "/v2/aggs/ticker/AAPL/range/5/minute/2024-01-02/2024-01-31?limit=2000&sort=desc",
            "/v2/aggs/ticker/AAPL/range/1/day/2010-01-01/2024-06-28?limit=50000",
            "/v2/aggs/grouped/locale/us/market/stocks/2024-03-05?adjusted=true",
            "/v2/aggs/ticker/AAPL/prev",
        ];

        foreach (var path in paths)
        {
            var body = await http.GetByteArrayAsync(new Uri(path, UriKind.Relative));
            var expected = DecodeOutcome.Reference(body);
            Assert.True(expected.Page is { Count: > 0 }, $"{path}: the simulator gave no bars");

            // When / Then
            DecodeOutcome.Streamed(body, [65_536]).AssertSameAs(expected, path + " (64 KiB reads)");
            DecodeOutcome.Streamed(body, [1_500, 17, 9_000, 1], bufferSize: 4096).AssertSameAs(expected, path + " (odd reads)");
        }
    }
}
