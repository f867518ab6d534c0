using System.Text;
using System.Text.Json;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

/// <summary>Differential tests: every row the template takes equals <see cref="BarRowReader"/>'s reading of it, bit for bit.</summary>
public sealed class BarRowTemplateTests
{
    private const string Padding = "]}                                                                                                                                                                                                                ";

    [Theory]
    [MemberData(nameof(Paths))]
    public void ReadRows_RandomVendorRows_TakesEveryPlainRowAndEachEqualsTheReader(bool wholeRow)
    {
        // Given
        var generator = new RandomVendorRows(new Random(20261121));
        var taken = 0;
        var bentTaken = 0;
        for (var body = 0; body < 300; body++)
        {
            var rows = new List<string>();
            var plain = new List<bool>();
            for (var i = 0; i < 30; i++)
            {
                rows.Add(generator.Row(oddOneIn: 3));
                plain.Add(generator.LastWasPlain);
            }

            var text = string.Join(",", rows);
            var data = Encoding.UTF8.GetBytes(text + Padding);
            var ends = RowEnds(rows);

            // When: the template from each row on, as the decoder calls it
            for (var index = 0; index < rows.Count;)
            {
                var start = index == 0 ? 0 : ends[index - 1];
                var page = new BarPage();
                var next = BarRowTemplate.ReadRows(data, start, afterRow: index > 0, page, wholeRow);

                // Then
                var because = $"body {body} row {index}: {rows[index]}";
                for (var k = 0; k < page.Count; k++)
                {
                    var expected = ReaderRow(rows[index + k]);
                    Assert.True(expected is not null, $"{because}: took row {rows[index + k]} that the reader rejects");
                    SameRow(expected, 0, page, k, $"{because} (+{k}): {rows[index + k]}");
                    bentTaken += plain[index + k] ? 0 : 1;
                }

                if (page.Count == 0)
                {
                    Assert.True(next == start, because);
                    Assert.False(plain[index], $"{because}: a plain row was declined");
                    index++;
                }
                else
                {
                    Assert.Equal(ends[index + page.Count - 1], next);
                    taken += page.Count;
                    index += page.Count;
                }
            }
        }

        // Then: the run went through most rows, bent ones it may read included
        Assert.InRange(taken, 5_000, 9_000);
        Assert.True(bentTaken > 50, $"only {bentTaken} bent rows taken");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ReadRows_DataCutAtEveryOffset_TakesExactlyTheRowsWithinReachAndNothingPastTheCut(bool wholeRow)
    {
        // Given: plain rows, the bytes after each cut still in the array (a read past the span would find them)
        var generator = new RandomVendorRows(new Random(77));
        var rows = Enumerable.Range(0, 6).Select(_ => generator.Row(oddOneIn: int.MaxValue)).ToList();
        var data = Encoding.UTF8.GetBytes(string.Join(",", rows) + Padding);
        var ends = RowEnds(rows);
        for (var cut = 0; cut <= data.Length; cut++)
        {
            var page = new BarPage();

            // When
            var next = BarRowTemplate.ReadRows(data.AsSpan(0, cut), 0, afterRow: false, page, wholeRow);

            // Then: row i is taken when the bytes from its start (or the comma before it) on span the template's reach
            var expected = 0;
            while (expected < rows.Count && (expected == 0 ? 0 : ends[expected - 1]) <= cut - BarRowTemplate.Reach)
            {
                expected++;
            }

            Assert.True(expected == page.Count, $"cut at {cut}: {page.Count} rows taken, {expected} expected");
            Assert.Equal(expected == 0 ? 0 : ends[expected - 1], next);
            for (var k = 0; k < page.Count; k++)
            {
                SameRow(ReaderRow(rows[k])!, 0, page, k, $"cut at {cut} row {k}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ReadRows_OtcAndMissingOptionals_WrittenLikeTheReaderOnAReusedPage(bool wholeRow)
    {
        // Given: a page that held rows with every optional column set
        var page = new BarPage();
        var full = """{"v":1,"vw":2.5,"o":1,"c":1,"h":1,"l":1,"t":1,"n":3,"otc":true}""";
        BarRowTemplate.ReadRows(Encoding.UTF8.GetBytes(full + Padding), 0, afterRow: false, page, wholeRow);
        Assert.Equal(1, page.Count);
        page.Reset();
        var bare = """{"v":969,"o":12.6,"c":12.6,"h":12.63,"l":12.58,"t":1709283900000},{"v":1.5e3,"vw":0.0001,"o":0,"c":-0.5,"h":10,"l":0.5,"t":1709283960000,"n":0,"otc":true}""";

        // When
        var next = BarRowTemplate.ReadRows(Encoding.UTF8.GetBytes(bare + Padding), 0, afterRow: false, page, wholeRow);

        // Then
        Assert.Equal(bare.Length, next);
        Assert.Equal(2, page.Count);
        Assert.Equal([false, true], page.HasVwap.ToArray());
        Assert.Equal([0.0, 0.0001], page.Vwap.ToArray());
        Assert.Equal([false, true], page.HasTransactions.ToArray());
        Assert.Equal([false, true], page.Otc.ToArray());
        Assert.Equal([969.0, 1500.0], page.Volume.ToArray());
        Assert.Equal(-0.5, page.Close[1]);
        Assert.Equal(1709283960000L, page.Time[1]);
    }

    [Theory]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1,"otc":false}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1,"otc":tru}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1,"n":2,"x":3}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1 }""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":-1}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":01}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":012345678}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":0123456789012}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1234567.9}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":12345678901234567}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1,"n":012}""")]
    [InlineData("""{"v":1.5e+1x,"o":1,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1.5e+123,"o":1,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1.5e,"o":1,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":e5,"o":1,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"vw":1,"o":1,"c":1,"h":1,"l":1,"t":1,"n":1,"otc":true,"x":1}""")]
    [InlineData("""{"v":1,"vw":1,"vw":1,"o":1,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1,"n":1,"n":1}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1.0}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1e3}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1,"n":null}""")]
    [InlineData("""{"v":1,"o":01,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"o":1.,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"o":.5,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"o":1.2.3,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"o":1e400,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"o":12345678901234567890,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"o":"1","c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"c":1,"o":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"T":"A","v":1,"o":1,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"vw":null,"o":1,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"\u0076":1,"o":1,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{ "v":1,"o":1,"c":1,"h":1,"l":1,"t":1}""")]
    [InlineData("""{"v":1,"o":1,"c":1,"h":1,"l":1}""")]
    public void ReadRows_AnythingNotOfTheForm_Declined(string row)
    {
        foreach (var wholeRow in WholeRowPaths())
        {
            // Given
            var page = new BarPage();

            // When
            var next = BarRowTemplate.ReadRows(Encoding.UTF8.GetBytes(row + Padding), 0, afterRow: false, page, wholeRow);

            // Then
            Assert.Equal(0, next);
            Assert.Equal(0, page.Count);
        }
    }

    [Fact]
    public void Number_RandomShapes_BitIdenticalToTheReaderOrDeclined()
    {
        // Given
        var random = new Random(5);
        var generator = new RandomVendorRows(random);
        var fast = 0;
        for (var n = 0; n < 100_000; n++)
        {
            var text = n % 2 == 0 ? RandomNumberText(random) : NumberOf(generator.Row(oddOneIn: 2), random);
            var data = Padded(text);

            // When
            var ok = TemplateNumbers.Number(ref data[0], 0, text.Length, out var value);

            // Then
            var expected = ReaderDouble(text);
            if (ok)
            {
                fast++;
                Assert.True(expected is not null, $"{text}: taken, but the reader rejects it");
                Assert.True(BitConverter.DoubleToInt64Bits(expected.Value) == BitConverter.DoubleToInt64Bits(value), $"{text}: {value:R} != {expected:R}");
            }
        }

        Assert.True(fast > 50_000, $"fast path taken only {fast} times");
    }

    [Fact]
    public void Whole_RandomIntegers_SameAsTheReaderOrDeclined()
    {
        // Given
        var random = new Random(11);
        var fast = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var text = RandomNumberText(random);
            var data = Padded(text);

            // When
            var ok = TemplateNumbers.Whole(ref data[0], 0, text.Length, out var value);

            // Then
            var reader = new Utf8JsonReader(Encoding.ASCII.GetBytes(text));
            var expected = Parses(ref reader) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var parsed) ? parsed : (long?)null;
            if (ok)
            {
                fast++;
                Assert.True(expected == value, $"{text}: {value} != {expected}");
                Assert.DoesNotContain('-', text);
            }
        }

        Assert.True(fast > 5_000, $"fast path taken only {fast} times");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ReadRows_RandomNumbersInEveryField_EachRowTakenEqualsTheReader(bool wholeRow)
    {
        // Given: rows of the template's keys whose decimals are random texts (plain, exponent, signed, odd), one at a
        // time, so the common-shape path, the vector conversion and the general parsers behind them all get rows
        var random = new Random(77);
        var taken = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var f = Enumerable.Range(0, 6).Select(_ => random.Next(3) == 0 ? RandomNumberText(random) : CommonDecimal(random)).ToArray();
            var vw = random.Next(4) == 0 ? string.Empty : $",\"vw\":{f[1]}";
            var tail = random.Next(4) == 0 ? string.Empty : $",\"n\":{random.Next(1, 100_000)}";
            var otc = random.Next(8) == 0 ? ",\"otc\":true" : string.Empty;
            var row = $"{{\"v\":{f[0]}{vw},\"o\":{f[2]},\"c\":{f[3]},\"h\":{f[4]},\"l\":{f[5]},\"t\":{1_700_000_000_000L + n}{tail}{otc}}}";
            var page = new BarPage();

            // When
            var next = BarRowTemplate.ReadRows(Encoding.UTF8.GetBytes(row + Padding), 0, afterRow: false, page, wholeRow);

            // Then
            if (page.Count == 1)
            {
                taken++;
                var expected = ReaderRow(row);
                Assert.True(expected is not null, $"{row}: taken, but the reader rejects it");
                SameRow(expected, 0, page, 0, row);
                Assert.Equal(row.Length, next);
            }
            else
            {
                Assert.Equal(0, next);
            }
        }

        Assert.True(taken > 2_000, $"only {taken} rows taken");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ReadRows_ExponentVolumes_BitIdenticalToTheReader(bool wholeRow)
    {
        // Given: volumes as the vendor writes large ones (1.029145e+06) and every nearby form
        var random = new Random(3);
        var taken = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var mantissa = CommonDecimal(random);
            var exponent = random.Next(4) switch { 0 => "e+", 1 => "e-", 2 => "E", _ => "e" } + random.Next(0, 30).ToString("D" + random.Next(1, 3), System.Globalization.CultureInfo.InvariantCulture);
            var row = $"{{\"v\":{mantissa}{exponent},\"vw\":12.598,\"o\":12.6,\"c\":12.6,\"h\":12.63,\"l\":12.58,\"t\":1709283900000,\"n\":10}}";
            var page = new BarPage();

            // When
            BarRowTemplate.ReadRows(Encoding.UTF8.GetBytes(row + Padding), 0, afterRow: false, page, wholeRow);

            // Then
            var expected = ReaderRow(row);
            if (page.Count == 1)
            {
                taken++;
                Assert.True(expected is not null, $"{row}: taken, but the reader rejects it");
                SameRow(expected, 0, page, 0, row);
            }
        }

        Assert.True(taken > 10_000, $"only {taken} rows taken");
    }

    [Fact]
    public void Complete_VendorBodiesInAnyChunking_SameAsReaderDecoder()
    {
        // Given
        var generator = new RandomVendorRows(new Random(4242));
        var reads = new Random(9);
        for (var n = 0; n < 60; n++)
        {
            var body = generator.Body(rows: 200, oddOneIn: n % 3 == 0 ? 20 : 400);
            var expected = DecodeOutcome.Reference(body);

            // When / Then
            DecodeOutcome.Streamed(body, [body.Length]).AssertSameAs(expected, $"body {n} whole");
            DecodeOutcome.Streamed(body, [.. Enumerable.Range(0, 8).Select(_ => reads.Next(1, 3000))], bufferSize: 4096).AssertSameAs(expected, $"body {n} random reads");
            DecodeOutcome.Streamed(body, [reads.Next(150, 400)], bufferSize: 1024).AssertSameAs(expected, $"body {n} small buffer");
        }
    }

    [Fact]
    public void Complete_VendorBodySplitAtEveryOffset_SameAsReaderDecoder()
    {
        // Given: long enough for the template to run on both sides of every split
        var generator = new RandomVendorRows(new Random(8));
        for (var n = 0; n < 3; n++)
        {
            var body = generator.Body(rows: 12, oddOneIn: 4);
            var expected = DecodeOutcome.Reference(body);

            // When / Then
            for (var split = 1; split < body.Length; split++)
            {
                DecodeOutcome.Split(body, split).AssertSameAs(expected, $"body {n} split at {split}: {Encoding.UTF8.GetString(body)}");
            }
        }
    }

    [Fact]
    public void Complete_LongRunsOfRowsTheTemplateDeclines_SameAsReaderDecoder()
    {
        // Given: runs long enough for the decoder to stop trying the template for a while, and to try it again
        var json = new StringBuilder("""{"results":[""");
        for (var i = 0; i < 1_000; i++)
        {
            var space = (i / 150) % 2 == 0 ? " " : string.Empty;
            json.Append(i == 0 ? string.Empty : ",").Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"v":{{i}}.5,"o":1,"c":2,"h":3,"l":0.5,"t":{{space}}{{i}}}""");
        }

        var body = Encoding.UTF8.GetBytes(json.Append("]}").ToString());

        // When / Then
        DecodeOutcome.Streamed(body, [700]).AssertSameAs(DecodeOutcome.Reference(body), "runs of spaced rows");
        Assert.Equal(1_000, DecodeOutcome.Reference(body).Page!.Count);
    }

    /// <summary>The row paths this machine runs: the scalar one always, the whole-row vector where it is supported.</summary>
    public static TheoryData<bool> Paths()
    {
        var paths = new TheoryData<bool>();
        foreach (var path in WholeRowPaths())
        {
            paths.Add(path);
        }

        return paths;
    }

    internal static bool[] WholeRowPaths() => BarRowVector.IsSupported ? [false, true] : [false];

    private static int[] RowEnds(List<string> rows)
    {
        // The index after each row's '}' in the rows joined by commas.
        var ends = new int[rows.Count];
        var at = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            at += (i > 0 ? 1 : 0) + Encoding.UTF8.GetByteCount(rows[i]);
            ends[i] = at;
        }

        return ends;
    }

    private static BarPage? ReaderRow(string row)
    {
        var page = new BarPage();
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(row));
            reader.Read();
            new BarRowReader(page).ReadRow(ref reader);
            return page;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or PageFormatException)
        {
            return null;
        }
    }

    private static void SameRow(BarPage expected, int e, BarPage actual, int a, string because)
    {
        Assert.True(expected.Time[e] == actual.Time[a], $"{because}: t");
        double[] expectedValues = [expected.Open[e], expected.High[e], expected.Low[e], expected.Close[e], expected.Volume[e], expected.Vwap[e]];
        double[] actualValues = [actual.Open[a], actual.High[a], actual.Low[a], actual.Close[a], actual.Volume[a], actual.Vwap[a]];
        for (var k = 0; k < expectedValues.Length; k++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expectedValues[k]) == BitConverter.DoubleToInt64Bits(actualValues[k]), $"{because}: column {k} {actualValues[k]:R} != {expectedValues[k]:R}");
        }

        Assert.True(expected.HasVwap[e] == actual.HasVwap[a], $"{because}: vw presence");
        Assert.True(expected.Transactions[e] == actual.Transactions[a] && expected.HasTransactions[e] == actual.HasTransactions[a], $"{because}: n");
        Assert.True(expected.Otc[e] == actual.Otc[a], $"{because}: otc");
        Assert.False(actual.HasSymbols, because);
    }

    private static double? ReaderDouble(string text)
    {
        var reader = new Utf8JsonReader(Encoding.ASCII.GetBytes(text));
        return Parses(ref reader) && reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? value : null;
    }

    // True when the text is exactly one valid JSON value.
    private static bool Parses(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.Read() && !HasMore(reader);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasMore(Utf8JsonReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException)
        {
            return true;
        }
    }

    // The value text of a random member of a generated row (keys and values alike hold every shape the rows use).
    private static string NumberOf(string row, Random random)
    {
        var values = row.Trim('{', '}').Split(',').Select(m => m[(m.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).Where(v => v.Length > 0).ToArray();
        return values[random.Next(values.Length)];
    }

    // A decimal of the everyday shapes: 1 to 8 characters, digits and at most one '.', sometimes a leading zero or an edge dot.
    private static string CommonDecimal(Random random)
    {
        var digits = random.Next(1, 9);
        var text = new StringBuilder();
        for (var i = 0; i < digits; i++)
        {
            text.Append((char)('0' + random.Next(i == 0 && random.Next(8) != 0 ? 1 : 0, 10)));
        }

        if (digits < 8 && random.Next(4) != 0)
        {
            text.Insert(random.Next(8) == 0 ? random.Next(digits + 1) : random.Next(1, digits + (digits == 1 ? 1 : 0)), '.');
        }

        return text.ToString();
    }

    // Random strings of digits, signs, dots and exponents: valid numbers of every length and many invalid ones.
    private static string RandomNumberText(Random random)
    {
        var text = new StringBuilder();
        if (random.Next(8) == 0)
        {
            text.Append('-');
        }

        for (var i = random.Next(random.Next(4) == 0 ? 20 : 9); i >= 0; i--)
        {
            text.Append((char)('0' + random.Next(10)));
        }

        if (random.Next(2) == 0)
        {
            text.Append('.');
            for (var i = random.Next(random.Next(4) == 0 ? 20 : 8); i > 0; i--)
            {
                text.Append((char)('0' + random.Next(10)));
            }
        }

        if (random.Next(6) == 0)
        {
            text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(3) switch { 0 => "+", 1 => "-", _ => string.Empty }).Append(random.Next(0, 40));
        }

        if (random.Next(30) == 0)
        {
            text.Insert(random.Next(text.Length + 1), "x.-e 0"[random.Next(6)]);
        }

        return text.ToString();
    }

    // The text, a separator, then room for the template's word reads.
    private static byte[] Padded(string text) => Encoding.ASCII.GetBytes(text + "," + new string(' ', 64));
}
