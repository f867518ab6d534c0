using System.Runtime.InteropServices;
using System.Text;
using SmallCaps.Core.Api;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Api;

/// <summary>Differential tests: the streaming decoder against the Utf8JsonReader decoder on the same bytes, fed in every way.</summary>
public sealed class BarStreamDecoderTests
{
    private static readonly int[] OddReads = [1, 7, 64, 3, 4096, 13, 65_536, 2, 100_000];

    private const string Sample = """{"ticker":"BRK.A","results":[{"v":1.5e3,"vw":10.25,"o":10,"c":11,"h":12,"l":9,"t":1112331600000,"n":3,"otc":true},{"t":1112331660000,"o":1,"h":2,"l":0.5,"c":1,"v":2},{"T":"GIK","v":-0.0,"o":1e-7,"c":1,"h":2,"l":0.5,"t":5,"vw":null}],"status":"OK","request_id":"abc","next_url":"https://api.massive.com/x?cursor=q","count":3}""";

    public static TheoryData<string> AggregateFixtures() => BarPageDecoderTests.AggregateFixtures();

    [Theory]
    [MemberData(nameof(AggregateFixtures))]
    public void Complete_VendorFixtureInAnyChunking_SameAsReaderDecoder(string relativePath)
    {
        // Given
        var body = File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "massive-rest-mocks", "v2", "aggs", relativePath));
        var expected = DecodeOutcome.Reference(body);
        Assert.NotNull(expected.Page);

        // When / Then: whole, odd reads, and a split at every offset
        DecodeOutcome.Streamed(body, [body.Length]).AssertSameAs(expected, "whole");
        DecodeOutcome.Streamed(body, OddReads, bufferSize: 4096).AssertSameAs(expected, "odd reads");
        for (var split = 1; split < body.Length; split++)
        {
            DecodeOutcome.Split(body, split).AssertSameAs(expected, $"split at {split}");
        }
    }

    [Fact]
    public void Complete_SampleSplitAtEveryOffset_SameAsReaderDecoder()
    {
        // Given
        var body = Encoding.UTF8.GetBytes(Sample);
        var expected = DecodeOutcome.Reference(body);
        Assert.Equal(3, expected.Page!.Count);

        // When / Then
        for (var split = 1; split < body.Length; split++)
        {
            DecodeOutcome.Split(body, split).AssertSameAs(expected, $"split at {split}");
        }

        DecodeOutcome.Streamed(body, [1]).AssertSameAs(expected, "one byte per read");
    }

    [Fact]
    public void Complete_RandomBodies_SameAsReaderDecoderInAnyChunking()
    {
        // Given
        var generator = new RandomAggregatesBody(new Random(20260411));
        var reads = new Random(7);
        var decoded = 0;
        for (var n = 0; n < 400; n++)
        {
            var body = generator.Build(maxRows: 40);
            var expected = DecodeOutcome.Reference(body);
            decoded += expected.Page is null ? 0 : 1;

            // When / Then
            var because = $"body {n}: {Preview(body)}";
            DecodeOutcome.Streamed(body, [body.Length]).AssertSameAs(expected, because + " (whole)");
            DecodeOutcome.Streamed(body, [.. Enumerable.Range(0, 16).Select(_ => reads.Next(1, 300))], bufferSize: 4096).AssertSameAs(expected, because + " (small reads)");
            DecodeOutcome.Split(body, reads.Next(1, body.Length)).AssertSameAs(expected, because + " (random split)");
        }

        // Then: the generator must not make only broken bodies
        Assert.InRange(decoded, 100, 390);
    }

    [Fact]
    public void Complete_RandomBodiesSplitAtEveryOffset_SameAsReaderDecoder()
    {
        // Given
        var generator = new RandomAggregatesBody(new Random(99));
        for (var n = 0; n < 12; n++)
        {
            var body = generator.Build(maxRows: 4);
            if (body.Length > 20_000)
            {
                continue;
            }

            var expected = DecodeOutcome.Reference(body);

            // When / Then
            for (var split = 1; split < body.Length; split++)
            {
                DecodeOutcome.Split(body, split).AssertSameAs(expected, $"body {n} split at {split}: {Preview(body)}");
            }
        }
    }

    [Fact]
    public void Complete_CorruptedBodies_FailAlikeOrDecodeAlike()
    {
        // Given
        var generator = new RandomAggregatesBody(new Random(5150));
        var random = new Random(3);
        var noise = "{}[],:\"\\ a0-.eE\u0001"u8.ToArray();
        for (var n = 0; n < 400; n++)
        {
            var body = generator.Build(maxRows: 6);
            body[random.Next(body.Length)] = noise[random.Next(noise.Length)];
            var expected = DecodeOutcome.Reference(body);

            // When / Then
            DecodeOutcome.Streamed(body, [random.Next(1, 200)], bufferSize: 4096).AssertSameAs(expected, $"corrupted body {n}: {Preview(body)}");
        }
    }

    [Fact]
    public void Complete_TruncatedAtEveryOffset_TransientFormatError()
    {
        // Given
        var body = Encoding.UTF8.GetBytes(Sample);
        for (var cut = 0; cut < body.Length; cut++)
        {
            var truncated = body[..cut];

            // When
            var outcome = cut == 0 ? DecodeOutcome.Capture(() => new BarStreamDecoder(new BarPage()).Complete()) : DecodeOutcome.Streamed(truncated, [Math.Max(1, cut / 2)]);

            // Then
            Assert.True(outcome.Error is { IsTransient: true }, $"cut at {cut}: {outcome.Error?.Message ?? "decoded"}");
            if (cut > 0)
            {
                outcome.AssertSameAs(DecodeOutcome.Reference(truncated), $"cut at {cut}");
            }
        }
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>", true)]
    [InlineData("   ", true)]
    [InlineData("[1,2]", true)]
    [InlineData("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1}]}x""", true)]
    [InlineData("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1}{"t":2}]}""", true)]
    [InlineData("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1},]}""", true)]
    [InlineData("""{"results":[{"t":01,"o":1,"h":1,"l":1,"c":1,"v":1}]}""", true)]
    [InlineData("""{"results":[{"t":1,"o":1.,"h":1,"l":1,"c":1,"v":1}]}""", true)]
    [InlineData("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1}],}""", true)]
    [InlineData("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1},1]}""", false)]
    [InlineData("""{"results":["x"]}""", false)]
    [InlineData("""{"results":[{"t":"soon","o":1,"h":1,"l":1,"c":1,"v":1}]}""", false)]
    [InlineData("""{"results":[{"t":1.5,"o":1,"h":1,"l":1,"c":1,"v":1}]}""", false)]
    [InlineData("""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1}]}""", false)]
    [InlineData("""{"results":"many"}""", false)]
    public void Complete_GarbageOrWrongShape_FormatErrorLikeReaderDecoder(string json, bool transient)
    {
        // Given
        var body = Encoding.UTF8.GetBytes(json);

        // When
        var outcome = DecodeOutcome.Streamed(body, [5]);

        // Then
        Assert.NotNull(outcome.Error);
        Assert.Equal(transient, outcome.Error.IsTransient);
        outcome.AssertSameAs(DecodeOutcome.Reference(body), json);
    }

    [Theory]
    [InlineData(61, true)]
    [InlineData(62, false)]
    public void Complete_DeeplyNestedUnknownFieldInRow_SameDepthLimitAsReader(int depth, bool decodes)
    {
        // Given: the row is read alone by the fallback reader, two levels below the document's root
        var nested = new string('[', depth) + new string(']', depth);
        var body = Encoding.UTF8.GetBytes($$"""{"results":[{"x":{{nested}},"t":1,"o":1,"h":1,"l":1,"c":1,"v":1}]}""");
        var expected = DecodeOutcome.Reference(body);

        // When
        var outcome = DecodeOutcome.Streamed(body, [body.Length]);

        // Then: 64 levels in all are allowed, 65 are not
        Assert.Equal(decodes, outcome.Page is not null);
        outcome.AssertSameAs(expected, $"depth {depth}");
    }

    [Fact]
    public void Complete_HugeUnknownFieldsAroundResults_StreamedWithSmallBuffer()
    {
        // Given: 3 MB of nested unknown data before and after the rows
        var filler = "[" + string.Join(',', Enumerable.Repeat("""{"a":[1,2.5,"x\"y"],"b":{"c":null}}""", 50_000)) + "]";
        var json = $$"""{"meta":{{filler}},"next_url":"https://api.massive.com/n","results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1}],"tail":{{filler}},"status":"OK"}""";
        var body = Encoding.UTF8.GetBytes(json);
        var decoder = new BarStreamDecoder(new BarPage(), 4096);
        decoder.Reset();
        var largestRead = 0;

        // When
        for (var offset = 0; offset < body.Length;)
        {
            var free = decoder.GetMemory();
            largestRead = Math.Max(largestRead, free.Length);
            var take = Math.Min(free.Length, body.Length - offset);
            body.AsSpan(offset, take).CopyTo(free.Span);
            offset += take;
            decoder.Advance(take);
        }

        var page = decoder.Complete();

        // Then: the buffer never grew past a few KiB although the fields are megabytes
        Assert.Equal(1, page.Count);
        Assert.Equal("https://api.massive.com/n", page.Envelope.NextUrl);
        Assert.InRange(largestRead, 1, 8192);
        BarPageAssert.Identical(DecodeOutcome.Reference(body).Page!, page, "huge unknown fields");
    }

    [Fact]
    public void Reset_WorkersReadBufferGrownByAHugeToken_ReadsIntoTheSameArrayAgainAndDecodesAlike()
    {
        // Given: a worker's 4 KiB read buffer, a body with a 20 KiB string inside a row (the buffer must grow), then a plain body
        var readBuffer = new byte[4096];
        var page = new BarPage();
        var decoder = new BarStreamDecoder(page, readBuffer);
        var huge = Encoding.UTF8.GetBytes($$"""{"results":[{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"x":"{{new string('a', 20_000)}}"},{"t":2,"o":2,"h":2,"l":2,"c":2,"v":2}],"status":"OK"}""");
        var plain = Encoding.UTF8.GetBytes("""{"ticker":"X","results":[""" + string.Join(',', Enumerable.Range(0, 300).Select(i =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{"v":{{i * 7}},"vw":12.{{i % 97}},"o":12.{{i % 89}},"c":12.{{i % 83}},"h":13.{{i % 79}},"l":11.{{i % 73}},"t":{{1_700_000_000_000L + (i * 60_000L)}},"n":{{i % 11}}}"""))) + """],"status":"OK"}""");

        // When
        decoder.Reset();
        Assert.True(MemoryMarshal.TryGetArray<byte>(decoder.GetMemory(), out var first));
        decoder.Write(huge);
        var grownPage = decoder.Complete();
        Assert.Equal(2, grownPage.Count);
        decoder.Reset();
        Assert.True(MemoryMarshal.TryGetArray<byte>(decoder.GetMemory(), out var again));
        decoder.Write(plain);
        decoder.Complete();

        // Then
        Assert.Same(readBuffer, first.Array);
        Assert.Same(readBuffer, again.Array);
        BarPageAssert.Identical(DecodeOutcome.Reference(plain).Page!, page, "after the worker's buffer came back");
    }

    [Fact]
    public void Complete_LongRunsOfUnusualRowsBetweenPlainOnes_SameAsReaderDecoder()
    {
        // Given: runs long enough for the decoder to stop trying its scanner for a while, and to try it again
        var json = new StringBuilder("""{"results":[""");
        for (var i = 0; i < 1_000; i++)
        {
            var key = (i / 150) % 2 == 0 ? "\\u0074" : "t";
            json.Append(i == 0 ? string.Empty : ",").Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"v":{{i}}.5,"o":1,"c":2,"h":3,"l":0.5,"{{key}}":{{i}}}""");
        }

        var body = Encoding.UTF8.GetBytes(json.Append("]}").ToString());

        // When / Then
        DecodeOutcome.Streamed(body, [700]).AssertSameAs(DecodeOutcome.Reference(body), "runs of escaped keys");
        Assert.Equal(1_000, DecodeOutcome.Reference(body).Page!.Count);
    }

    [Fact]
    public void Reset_AfterFailedHalfPage_NextBodyStartsClean()
    {
        // Given: a first attempt dies mid-body after two rows (inside a third long enough for the two to be decoded)
        var page = new BarPage();
        var decoder = new BarStreamDecoder(page);
        decoder.Reset();
        decoder.Write("""{"next_url":"https://api.massive.com/old","results":[{"v":1,"vw":2,"o":1,"c":1,"h":1,"l":1,"t":1,"n":3,"otc":true},{"t":2,"o":1,"h":1,"l":1,"c":1,"v":1},{"t":3,"x":" """u8);
        decoder.Write(Encoding.UTF8.GetBytes(new string('a', BarRowTemplate.Reach)));
        Assert.Equal(2, page.Count);
        Assert.True(page.HasVwap[0] && page.HasTransactions[0] && page.Otc[0]);

        // When
        decoder.Reset();
        decoder.Write("""{"results":[{"t":9,"o":1,"h":1,"l":1,"c":1,"v":1}],"status":"OK"}"""u8);
        decoder.Complete();

        // Then
        Assert.Equal([9L], page.Time.ToArray());
        Assert.False(page.HasVwap[0]);
        Assert.False(page.HasTransactions[0]);
        Assert.False(page.Otc[0]);
        Assert.Null(page.Envelope.NextUrl);
        Assert.Equal("OK", page.Envelope.Status);
    }

    [Fact]
    public void Advance_RowsNearTheEndOfWhatArrived_WaitForTheNextReadThenDecodeAlike()
    {
        // Given: two vendor rows, the body cut right after them
        var body = Encoding.UTF8.GetBytes("""{"results":[{"v":969,"vw":12.598,"o":12.6,"c":12.6,"h":12.63,"l":12.58,"t":1709283900000,"n":10},{"v":1.5e+06,"o":12.6,"c":12.6,"h":12.63,"l":12.58,"t":1709283960000}],"status":"OK"}""");
        var cut = body.AsSpan().IndexOf("]"u8);
        var decoder = new BarStreamDecoder(new BarPage());
        decoder.Reset();

        // When
        decoder.Write(body.AsSpan(0, cut));
        var early = decoder.Page.Count;
        decoder.Write(body.AsSpan(cut));
        var page = decoder.Complete();

        // Then: nothing taken by the slower path early; the whole body decodes like the reader's
        Assert.Equal(0, early);
        BarPageAssert.Identical(DecodeOutcome.Reference(body).Page!, page, "rows near the end");
    }

    private static string Preview(byte[] body) => Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));
}
