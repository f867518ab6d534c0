using System.Buffers;
using System.Text;
using System.Text.Json;
using SmallCaps.Core.Api;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Api;

public sealed class BarPageDecoderTests
{
    public static TheoryData<string> AggregateFixtures()
    {
        var root = Path.Combine(RepoPaths.Fixtures, "massive-rest-mocks", "v2", "aggs");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    private static BarPage Decode(string json) => BarPageDecoder.Decode(Encoding.UTF8.GetBytes(json), new BarPage());

    [Fact]
    public void AggregateFixtures_Folder_HoldsTheKnownBodies()
    {
        // Then: a missing fixture folder must fail, not make the theory below vacuous
        Assert.True(AggregateFixtures().Count >= 4);
    }

    [Theory]
    [MemberData(nameof(AggregateFixtures))]
    public void Decode_VendorFixture_MatchesIndependentJsonParse(string relativePath)
    {
        // Given
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "massive-rest-mocks", "v2", "aggs", relativePath));
        using var oracle = JsonDocument.Parse(bytes);
        var results = oracle.RootElement.GetProperty("results").EnumerateArray().ToList();

        // When
        var page = BarPageDecoder.Decode(bytes, new BarPage());

        // Then
        Assert.Equal(results.Count, page.Count);
        Assert.Equal(oracle.RootElement.GetProperty("status").GetString(), page.Envelope.Status);
        Assert.Equal(oracle.RootElement.GetProperty("request_id").GetString(), page.Envelope.RequestId);
        Assert.Equal(oracle.RootElement.GetProperty("resultsCount").GetInt32(), page.Envelope.ResultsCount);
        for (var i = 0; i < results.Count; i++)
        {
            var bar = results[i];
            Assert.Equal(bar.GetProperty("t").GetInt64(), page.Time[i]);
            Assert.Equal(bar.GetProperty("o").GetDouble(), page.Open[i]);
            Assert.Equal(bar.GetProperty("h").GetDouble(), page.High[i]);
            Assert.Equal(bar.GetProperty("l").GetDouble(), page.Low[i]);
            Assert.Equal(bar.GetProperty("c").GetDouble(), page.Close[i]);
            Assert.Equal(bar.GetProperty("v").GetDouble(), page.Volume[i]);
            Assert.Equal(bar.TryGetProperty("vw", out var vw), page.HasVwap[i]);
            Assert.Equal(page.HasVwap[i] ? vw.GetDouble() : 0, page.Vwap[i]);
            Assert.Equal(bar.TryGetProperty("n", out var n), page.HasTransactions[i]);
            Assert.Equal(page.HasTransactions[i] ? n.GetInt64() : 0, page.Transactions[i]);
            Assert.Equal(bar.TryGetProperty("T", out var symbol) ? symbol.GetString() : null, page.HasSymbols ? page.Symbols[i] : null);
        }
    }

    [Fact]
    public void Decode_DailyRangeFixture_GivesTheDocumentedBars()
    {
        // Given
        var path = Path.Combine(RepoPaths.Fixtures, "massive-rest-mocks", "v2", "aggs", "ticker", "AAPL", "range", "1", "day", "2005-04-01", "2005-04-04.json");

        // When
        var page = BarPageDecoder.Decode(File.ReadAllBytes(path), new BarPage());

        // Then
        Assert.Equal([1112331600000L, 1112587200000L], page.Time.ToArray());
        Assert.Equal([642646396.0, 578172308.0], page.Volume.ToArray());
        Assert.Equal([1.469, 1.4589], page.Vwap.ToArray());
        Assert.Equal([82132L, 65543L], page.Transactions.ToArray());
        Assert.Equal(1.5032, page.Open[0]);
        Assert.Equal(1.4675, page.Close[1]);
        Assert.Equal("AAPL", page.Envelope.Ticker);
        Assert.True(page.Envelope.Adjusted);
        Assert.Null(page.Envelope.NextUrl);
        Assert.False(page.HasSymbols);
        Assert.DoesNotContain(true, page.Otc.ToArray());
    }

    [Fact]
    public void Decode_ExponentAndFractionalVolume_ParsedExactly()
    {
        // When
        var page = Decode("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1.029145e+06},{"t":2,"o":1,"h":1,"l":1,"c":1,"v":12.5},{"t":3,"o":1,"h":1,"l":1,"c":1,"v":7E2}],"status":"OK"}""");

        // Then
        Assert.Equal([1029145.0, 12.5, 700.0], page.Volume.ToArray());
    }

    [Fact]
    public void Decode_MissingVwapAndTransactionsAndOtcOnlyWhenTrue_FlagsFollowFields()
    {
        // When
        var page = Decode("""{"status":"DELAYED","results":[{"t":10,"o":2,"h":3,"l":1,"c":2,"v":5,"otc":true},{"t":20,"o":2,"h":3,"l":1,"c":2,"v":5,"vw":2.5,"n":7},{"t":30,"o":2,"h":3,"l":1,"c":2,"v":5,"vw":null,"n":null,"otc":false}]}""");

        // Then
        Assert.Equal([false, true, false], page.HasVwap.ToArray());
        Assert.Equal([0, 2.5, 0], page.Vwap.ToArray());
        Assert.Equal([false, true, false], page.HasTransactions.ToArray());
        Assert.Equal([0L, 7L, 0L], page.Transactions.ToArray());
        Assert.Equal([true, false, false], page.Otc.ToArray());
        Assert.True(page.Envelope.IsDelayed);
    }

    [Theory]
    [InlineData("""{"ticker":"X","results":null,"status":"OK","resultsCount":0}""")]
    [InlineData("""{"ticker":"X","status":"OK","resultsCount":0}""")]
    [InlineData("""{"results":[],"status":"OK"}""")]
    public void Decode_NoResults_EmptyPage(string json)
    {
        // When
        var page = Decode(json);

        // Then
        Assert.Equal(0, page.Count);
        Assert.Equal("OK", page.Envelope.Status);
    }

    [Fact]
    public void Decode_UnknownFieldsNestedAnywhere_Skipped()
    {
        // When
        var page = Decode("""{"meta":{"a":[1,{"b":[[],{}]}],"results":"decoy"},"results":[{"x":{"t":99,"results":[1]},"t":5,"y":[{"o":9}],"o":1,"h":2,"l":0.5,"c":1.5,"v":10,"z":"str","w":null,"q":true}],"extra":[{"results":[]}],"next_url":"https://api.massive.com/v2/aggs/ticker/X/range/1/minute/1/2?cursor=abc","request_id":"r1"}""");

        // Then
        Assert.Equal(1, page.Count);
        Assert.Equal(5, page.Time[0]);
        Assert.Equal(1, page.Open[0]);
        Assert.Equal(10, page.Volume[0]);
        Assert.Equal("https://api.massive.com/v2/aggs/ticker/X/range/1/minute/1/2?cursor=abc", page.Envelope.NextUrl);
        Assert.Equal("r1", page.Envelope.RequestId);
    }

    [Fact]
    public void Decode_EscapedPropertyNamesAndIntegralDoubles_Understood()
    {
        // When
        var page = Decode("""{"results":[{"\u0074":1.6e12,"o":1,"h":1,"l":1,"c":1,"v":1,"v\u0077":3,"n":96.0,"\u0054":"GIK"}]}""");

        // Then
        Assert.Equal(1_600_000_000_000L, page.Time[0]);
        Assert.Equal(3, page.Vwap[0]);
        Assert.Equal(96, page.Transactions[0]);
        Assert.Equal("GIK", page.Symbols[0]);
    }

    [Fact]
    public void Decode_BodySplitAtEveryChunkBoundary_SameResult()
    {
        // Given
        var json = """{"ticker":"BRK.A","results":[{"v":1.5e3,"vw":10.25,"o":10,"c":11,"h":12,"l":9,"t":1112331600000,"n":3,"otc":true},{"t":1112331660000,"o":1,"h":2,"l":0.5,"c":1,"v":2}],"status":"OK","request_id":"abc","next_url":"https://api.massive.com/x?cursor=q"}""";
        var bytes = Encoding.UTF8.GetBytes(json);
        var expected = BarPageDecoder.Decode(bytes, new BarPage());

        // When / Then: every split point, and a sequence of odd-sized chunks
        for (var split = 1; split < bytes.Length; split++)
        {
            AssertSame(expected, BarPageDecoder.Decode(Segments(bytes, split, bytes.Length - split), new BarPage()));
        }

        AssertSame(expected, BarPageDecoder.Decode(Segments(bytes, 1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 1000), new BarPage()));
    }

    [Theory]
    [InlineData("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1},{"t":2,""")]
    [InlineData("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1}]""")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("")]
    public void Decode_TruncatedOrNotJson_TransientFormatError(string body)
    {
        // When
        var ex = Assert.Throws<PageFormatException>(() => Decode(body));

        // Then
        Assert.True(ex.IsTransient);
    }

    [Theory]
    [InlineData("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1}]}""")]
    [InlineData("""{"results":[{"t":"soon","o":1,"h":1,"l":1,"c":1,"v":1}]}""")]
    [InlineData("""{"results":[{"t":1.5,"o":1,"h":1,"l":1,"c":1,"v":1}]}""")]
    [InlineData("""{"results":5}""")]
    public void Decode_WellFormedButWrongShape_PermanentFormatError(string body)
    {
        // When
        var ex = Assert.Throws<PageFormatException>(() => Decode(body));

        // Then
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public void Decode_ReusedPageWithFewerRows_NoStaleOptionalValues()
    {
        // Given
        var page = new BarPage();
        BarPageDecoder.Decode(Encoding.UTF8.GetBytes("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"vw":5,"n":5,"otc":true},{"t":2,"o":1,"h":1,"l":1,"c":1,"v":1,"vw":5,"n":5}]}"""), page);

        // When
        BarPageDecoder.Decode(Encoding.UTF8.GetBytes("""{"results":[{"t":3,"o":1,"h":1,"l":1,"c":1,"v":1}]}"""), page);

        // Then
        Assert.Equal(1, page.Count);
        Assert.False(page.HasVwap[0]);
        Assert.False(page.HasTransactions[0]);
        Assert.False(page.Otc[0]);
        Assert.Null(page.Envelope.NextUrl);
    }

    [Fact]
    public void Decode_FiftyThousandBars_GrowsBuffers()
    {
        // Given
        var json = new StringBuilder("""{"results":[""");
        for (var i = 0; i < 50_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("""{"v":100,"vw":1.5,"o":1,"c":2,"h":3,"l":0.5,"t":""").Append(1_000_000 + (i * 60_000L)).Append(",\"n\":4}");
        }

        json.Append("""],"status":"OK","resultsCount":50000}""");

        // When
        var page = Decode(json.ToString());

        // Then
        Assert.Equal(50_000, page.Count);
        Assert.Equal(1_000_000 + (49_999 * 60_000L), page.LastTime);
    }

    [Fact]
    public void DropNotAfter_RepeatedAndOutOfOrderBars_RemovedAndCounted()
    {
        // Given
        var page = Decode("""{"results":[{"t":5,"o":5,"h":1,"l":1,"c":1,"v":1},{"t":6,"o":6,"h":1,"l":1,"c":1,"v":1,"vw":6},{"t":6,"o":60,"h":1,"l":1,"c":1,"v":1},{"t":4,"o":4,"h":1,"l":1,"c":1,"v":1},{"t":8,"o":8,"h":1,"l":1,"c":1,"v":1,"n":8}]}""");

        // When
        var dropped = page.DropNotAfter(5);

        // Then
        Assert.Equal(3, dropped);
        Assert.Equal(3, page.DuplicatesDropped);
        Assert.Equal([6L, 8L], page.Time.ToArray());
        Assert.Equal([6.0, 8.0], page.Open.ToArray());
        Assert.Equal([true, false], page.HasVwap.ToArray());
        Assert.Equal([false, true], page.HasTransactions.ToArray());
    }

    private static void AssertSame(BarPage expected, BarPage actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Time.ToArray(), actual.Time.ToArray());
        Assert.Equal(expected.Open.ToArray(), actual.Open.ToArray());
        Assert.Equal(expected.Volume.ToArray(), actual.Volume.ToArray());
        Assert.Equal(expected.Vwap.ToArray(), actual.Vwap.ToArray());
        Assert.Equal(expected.HasTransactions.ToArray(), actual.HasTransactions.ToArray());
        Assert.Equal(expected.Otc.ToArray(), actual.Otc.ToArray());
        Assert.Equal(expected.Envelope.NextUrl, actual.Envelope.NextUrl);
        Assert.Equal(expected.Envelope.Ticker, actual.Envelope.Ticker);
        Assert.Equal(expected.Envelope.RequestId, actual.Envelope.RequestId);
    }

    private static ReadOnlySequence<byte> Segments(byte[] bytes, params int[] sizes)
    {
        Chunk? first = null;
        Chunk? last = null;
        var offset = 0;
        foreach (var size in sizes)
        {
            if (offset >= bytes.Length)
            {
                break;
            }

            var take = Math.Min(size, bytes.Length - offset);
            var chunk = new Chunk(bytes.AsMemory(offset, take).ToArray());
            offset += take;
            if (last is null)
            {
                first = chunk;
            }
            else
            {
                last.Append(chunk);
            }

            last = chunk;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(byte[] data) => Memory = data;

        public void Append(Chunk next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
        }
    }
}
