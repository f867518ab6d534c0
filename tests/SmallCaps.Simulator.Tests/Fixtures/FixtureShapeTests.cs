using System.Text.Json;
using SmallCaps.Simulator.Tests.Support;
using SmallCaps.TestSupport;

namespace SmallCaps.Simulator.Tests.Fixtures;

public sealed class FixtureShapeTests
{
    private static string MocksDir => Path.Combine(RepoPaths.Fixtures, "massive-rest-mocks");

    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(MocksDir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(MocksDir, f).Replace('\\', '/'));
        }

        return data;
    }

    /// <summary>A fixture's file name encodes its request: the path, with '&amp;' standing for '?'.</summary>
    internal static string RequestOf(string relativePath)
    {
        var url = "/" + relativePath[..^".json".Length];
        var amp = url.IndexOf('&', StringComparison.Ordinal);
        return amp < 0 ? url : url[..amp] + "?" + url[(amp + 1)..];
    }

    [Fact]
    public void FixtureFiles_AreAllFound()
    {
        // Given / When / Then: the 15 captured bodies are there (a missing folder must not pass silently)
        var count = Directory.EnumerateFiles(MocksDir, "*.json", SearchOption.AllDirectories).Count();
        Assert.True(count >= 15, $"only {count} fixtures under {MocksDir}");
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public async Task Response_ToTheCapturedRequest_HasTheFixtureShape(string fixture)
    {
        // Given the vendor's body for a request and a simulator with AAPL/META
        await using var sim = await SimulatorClient.StartAsync();
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(MocksDir, fixture)));

        // When the simulator answers the same request
        var (status, body, text) = await sim.GetAsync(RequestOf(fixture));

        // Then it has the same keys, JSON kinds and omissions
        Assert.True(status == 200, $"{RequestOf(fixture)} -> {status}: {text}");
        var diffs = JsonShape.Differences(expected.RootElement, body!.RootElement);
        Assert.True(diffs.Count == 0, $"{fixture}:\n{string.Join('\n', diffs.Distinct().Take(20))}");
    }

    [Fact]
    public void RequestOf_FileNameWithAmpersand_BecomesQuery()
    {
        // Given / When / Then
        Assert.Equal("/v3/trades/AAPL?limit=2", RequestOf("v3/trades/AAPL&limit=2.json"));
        Assert.Equal("/v3/reference/tickers/types", RequestOf("v3/reference/tickers/types.json"));
    }

    [Fact]
    public void Differences_MissingRequiredKeyOrIntegerTurnedFloat_AreReported()
    {
        // Given a fixture-like body and a simulator-like body that lost a key and wrote t as a float
        using var f = JsonDocument.Parse("""{"status":"OK","results":[{"t":1,"o":1.5,"x":3}]}""");
        using var a = JsonDocument.Parse("""{"status":"OK","results":[{"t":1.5,"o":2}]}""");

        // When
        var diffs = JsonShape.Differences(f.RootElement, a.RootElement);

        // Then both problems are caught, while o (float in fixture, integer here) is accepted
        Assert.Equal(2, diffs.Count);
        Assert.Contains(diffs, d => d.StartsWith("$.results[].t", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.StartsWith("$.results[].x", StringComparison.Ordinal));
    }
}
