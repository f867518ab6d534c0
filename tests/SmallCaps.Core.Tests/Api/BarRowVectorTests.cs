using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

/// <summary>
/// Differential tests of the whole-row vector path alone (no scalar fallback behind it): every row it takes equals
/// <see cref="BarRowReader"/>'s reading bit for bit, and it takes the everyday rows itself.
/// </summary>
public sealed class BarRowVectorTests
{
    private const string Padding = "]}                                                                                                                                                                                                                ";

    // Bytes a mutation writes: every byte the row's checks tell apart, and some they must reject.
    private const string MutationBytes = "0123456789.,}{:\"-+eEvwochltnx 0019.";

    [Fact]
    public void Rows_RunOfRowsIntoPageThatGrowsMidRun_EveryRowEqualToTheReaderInOrder()
    {
        if (RowsRefusedHere())
        {
            return;
        }

        // Given: one run of 3,000 common rows and a page of room for one, so the page grows eleven times within the run
        var random = new Random(4242);
        var rows = Enumerable.Range(0, 3_000).Select(_ => CommonRow(random)).ToArray();
        var data = Encoding.UTF8.GetBytes(string.Join(",", rows) + Padding);
        var page = new BarPage(1);

        // When
        var last = BarRowVector.Rows(ref data[0], 0, data.Length - BarRowTemplate.Reach, page);

        // Then: every row taken, each as the reader reads it alone
        Assert.Equal(data.Length - Padding.Length - 1, last);
        var expected = ReadAlone(rows);
        BarPageAssert.Identical(expected, page, "grown mid-run");
    }

    [Fact]
    public void Rows_RowDeclinedMidRun_PageHoldsTheRowsBeforeIt()
    {
        if (RowsRefusedHere())
        {
            return;
        }

        // Given: three common rows, then one whose o has 9 bytes (the vector declines it), then another common row
        var random = new Random(77);
        string[] taken = [CommonRow(random), CommonRow(random), CommonRow(random)];
        var declined = """{"v":1,"o":123456.789,"c":1,"h":1,"l":1,"t":1}""";
        var data = Encoding.UTF8.GetBytes(string.Join(",", taken) + "," + declined + "," + CommonRow(random) + Padding);
        var page = new BarPage();

        // When
        var last = BarRowVector.Rows(ref data[0], 0, data.Length - BarRowTemplate.Reach, page);

        // Then: it stops at the third row's '}' with exactly the three rows on the page, each as the reader reads it
        Assert.Equal(string.Join(",", taken).Length - 1, last);
        var expected = ReadAlone(taken);
        BarPageAssert.Identical(expected, page, "declined mid-run");
    }

    [Fact]
    public void Rows_PageWithSymbolsLeftPastItsCount_RowsOfTheRunHaveNone()
    {
        if (RowsRefusedHere())
        {
            return;
        }

        // Given: a page of room for two with a symbol on each of two bars, the second dropped (its symbol stays in the buffer)
        var page = new BarPage(2);
        page.SetSymbol(page.Add(10, 1, 1, 1, 1, 1), "AAA");
        page.SetSymbol(page.Add(5, 1, 1, 1, 1, 1), "BBB");
        page.DropNotAfter(null);
        var data = Encoding.UTF8.GetBytes("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":20},{"v":1,"o":1,"c":1,"h":1,"l":1,"t":30},{"v":1,"o":1,"c":1,"h":1,"l":1,"t":40}""" + Padding);

        // When: a run of three rows, the page growing within it
        BarRowVector.Rows(ref data[0], 0, data.Length - BarRowTemplate.Reach, page);

        // Then: the first bar keeps its symbol; the run's rows, over the stale one and past the growth, have none
        Assert.Equal([10L, 20, 30, 40], page.Time.ToArray());
        Assert.Equal(["AAA", "(none)", "(none)", "(none)"], page.Symbols.ToArray().Select(symbol => symbol ?? "(none)"));
    }

    [Fact]
    public void Rows_CommonVendorRows_TakenByTheVectorAndEqualToTheReader()
    {
        if (RowsRefusedHere())
        {
            return;
        }

        // Given: rows of the shapes the vector is for (decimals of up to 8 bytes, v with an exponent of one digit, t and n)
        var random = new Random(1121);
        for (var n = 0; n < 20_000; n++)
        {
            var row = CommonRow(random);

            // When
            var s = TryRow(row, random.Next(0, 3), out var page);

            // Then
            Assert.True(s >= 0, $"declined {row}");
            SameAsReader(row, page, row);
        }
    }

    [Fact]
    public void Rows_MutatedRows_TakenOnlyAsTheReaderReadsThem()
    {
        if (RowsRefusedHere())
        {
            return;
        }

        // Given: common rows with one to three bytes changed, inserted or removed anywhere
        var random = new Random(4);
        var taken = 0;
        var declined = 0;
        for (var n = 0; n < 60_000; n++)
        {
            var row = Mutate(CommonRow(random), random);

            // When
            var s = TryRow(row, 0, out var page);

            // Then: a row taken ends at its first '}' and reads as the reader reads it
            if (s < 0)
            {
                Assert.Equal(0, page.Count);
                declined++;
                continue;
            }

            taken++;
            var end = row.IndexOf('}', StringComparison.Ordinal);
            Assert.True(s == end, $"{row}: ended at {s}, not {end}");
            SameAsReader(row[..(end + 1)], page, row);
        }

        Assert.True(taken > 5_000 && declined > 30_000, $"taken {taken}, declined {declined}");
    }

    [Fact]
    public void Rows_EveryFieldRandomText_TakenOnlyAsTheReaderReadsThem()
    {
        if (RowsRefusedHere())
        {
            return;
        }

        // Given: each value a random text of digits, dots, signs and exponents (t and n too), keys in the template's order
        var random = new Random(99);
        var taken = 0;
        for (var n = 0; n < 40_000; n++)
        {
            string Value() => random.Next(3) == 0 ? Text(random) : Decimal(random);
            var vw = random.Next(4) == 0 ? string.Empty : $",\"vw\":{Value()}";
            var time = random.Next(3) == 0 ? Text(random) : (1_600_000_000_000L + random.Next()).ToString(CultureInfo.InvariantCulture);
            var tail = random.Next(4) == 0 ? string.Empty : $",\"n\":{(random.Next(2) == 0 ? Text(random) : random.Next(1, 99_999_999).ToString(CultureInfo.InvariantCulture))}";
            var otc = random.Next(6) == 0 ? ",\"otc\":true" : string.Empty;
            var row = $"{{\"v\":{Value()}{vw},\"o\":{Value()},\"c\":{Value()},\"h\":{Value()},\"l\":{Value()},\"t\":{time}{tail}{otc}}}";

            // When
            var s = TryRow(row, random.Next(0, 3), out var page);

            // Then
            if (s >= 0)
            {
                taken++;
                Assert.True(s == row.Length - 1, $"{row}: ended at {s}");
                SameAsReader(row, page, row);
            }
        }

        Assert.True(taken > 2_500, $"only {taken} rows taken");
    }

    [Fact]
    public void Rows_RowOf128BytesOrMore_DeclinedByTheTemplateAndDecodedAsTheReaderDoes()
    {
        // Given: a valid row whose '}' lies more than 128 bytes after its '{' (n of 16 digits, otc), between short rows
        var longRow = """{"v":1.234567e+06,"vw":12.34567,"o":12.34567,"c":12.34567,"h":12.34567,"l":12.34567,"t":1709283900000,"n":1234567890123456,"otc":true}""";
        var shortRow = """{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1}""";
        Assert.True(longRow.Length > 128, "the long row is not long");
        var rows = $"{shortRow},{longRow},{shortRow}";
        var data = Encoding.UTF8.GetBytes(rows + Padding);
        foreach (var wholeRow in BarRowTemplateTests.WholeRowPaths())
        {
            var page = new BarPage();

            // When
            var next = BarRowTemplate.ReadRows(data, 0, afterRow: false, page, wholeRow);

            // Then: the template stops before it, on either path
            Assert.Equal(shortRow.Length, next);
            Assert.Equal(1, page.Count);
        }

        // Then: the decoder reads it by its other paths, as the reader does
        var body = Encoding.UTF8.GetBytes($$"""{"results":[{{rows}}],"status":"OK"}""");
        DecodeOutcome.Streamed(body, [body.Length]).AssertSameAs(DecodeOutcome.Reference(body), "long row");
        Assert.Equal(3, DecodeOutcome.Reference(body).Page!.Count);
    }

    [Fact]
    public void Quotient_EveryDividendBelow1e8AndEveryPower_BitIdenticalToTheDivision()
    {
        if (!BarRowVector.IsSupported)
        {
            Assert.Throws<PlatformNotSupportedException>(() => BarRowVector.Quotient(Vector512<double>.One, Vector512<long>.Zero));
            return;
        }

        // Given: every mantissa the row converts (below 1e8), over each power of ten it divides by (1e0 to 1e7)
        var wrong = new long[8];
        Parallel.For(0, 8, power =>
        {
            var powers = Vector512.Create((long)power);
            var divisor = Vector512.Create(Math.Pow(10, power));
            var dividend = Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
            var step = Vector512.Create(8.0);
            for (var m = 0; m < 100_000_000; m += 8)
            {
                // When
                var quotient = BarRowVector.Quotient(dividend, powers);

                // Then
                wrong[power] += 8 - BitOperations.PopCount(Vector512.Equals(quotient.AsUInt64(), (dividend / divisor).AsUInt64()).ExtractMostSignificantBits());
                dividend += step;
            }
        });

        Assert.Equal(new long[8], wrong);
    }

    // On a machine without the instructions, callers must not take this path and it says so: true (and checked) there.
    private static bool RowsRefusedHere()
    {
        if (BarRowVector.IsSupported)
        {
            return false;
        }

        Assert.Throws<PlatformNotSupportedException>(() => TryRow("""{"v":1,"o":1,"c":1,"h":1,"l":1,"t":1}""", 0, out _));
        return true;
    }

    // Each row read alone by the reader, onto one page: what the vector must have appended.
    private static BarPage ReadAlone(IEnumerable<string> rows)
    {
        var page = new BarPage();
        foreach (var row in rows)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(row));
            reader.Read();
            new BarRowReader(page).ReadRow(ref reader);
        }

        return page;
    }

    // The row at `offset` of padded data through the vector alone: its '}' index relative to the row, or -1.
    private static int TryRow(string row, int offset, out BarPage page)
    {
        var data = Encoding.UTF8.GetBytes(new string(',', offset) + row + Padding);
        page = new BarPage();
        var s = BarRowVector.Rows(ref data[0], offset, data.Length - BarRowTemplate.Reach, page);
        return s < 0 ? s : s - offset;
    }

    private static void SameAsReader(string row, BarPage actual, string because)
    {
        var expected = new BarPage();
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(row));
            reader.Read();
            new BarRowReader(expected).ReadRow(ref reader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or PageFormatException)
        {
            Assert.Fail($"{because}: taken, but the reader rejects it ({ex.Message})");
        }

        Assert.Equal(1, actual.Count);
        Assert.True(expected.Time[0] == actual.Time[0], $"{because}: t {actual.Time[0]} != {expected.Time[0]}");
        double[] e = [expected.Open[0], expected.High[0], expected.Low[0], expected.Close[0], expected.Volume[0], expected.Vwap[0]];
        double[] a = [actual.Open[0], actual.High[0], actual.Low[0], actual.Close[0], actual.Volume[0], actual.Vwap[0]];
        for (var k = 0; k < e.Length; k++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(e[k]) == BitConverter.DoubleToInt64Bits(a[k]), $"{because}: column {k} {a[k]:R} != {e[k]:R}");
        }

        Assert.True(expected.HasVwap[0] == actual.HasVwap[0], $"{because}: vw presence");
        Assert.True(expected.Transactions[0] == actual.Transactions[0] && expected.HasTransactions[0] == actual.HasTransactions[0], $"{because}: n");
        Assert.True(expected.Otc[0] == actual.Otc[0], $"{because}: otc");
    }

    private static string CommonRow(Random random)
    {
        var vw = random.Next(5) == 0 ? string.Empty : $",\"vw\":{Decimal(random)}";
        var n = random.Next(5) == 0 ? string.Empty : $",\"n\":{random.Next(1, random.Next(2) == 0 ? 1000 : 99_999_999).ToString(CultureInfo.InvariantCulture)}";
        var otc = random.Next(10) == 0 ? ",\"otc\":true" : string.Empty;
        var t = random.Next(20) == 0 ? random.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture) : (1_000_000_000_000L + (random.NextInt64(9_000_000_000_000L))).ToString(CultureInfo.InvariantCulture);
        var exponent = random.Next(4) == 0 ? Pick(random, "e+0", "e", "E", "E+") + random.Next(0, 8).ToString(CultureInfo.InvariantCulture) : string.Empty;
        return $"{{\"v\":{Decimal(random)}{exponent}{vw},\"o\":{Decimal(random)},\"c\":{Decimal(random)},\"h\":{Decimal(random)},\"l\":{Decimal(random)},\"t\":{t}{n}{otc}}}";
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    // A valid JSON decimal of 1 to 8 bytes: digits with at most one '.' inside, a leading zero only before the '.'.
    private static string Decimal(Random random)
    {
        var length = random.Next(1, 9);
        var dot = length >= 3 && random.Next(3) > 0 ? random.Next(1, length - 1) : -1;
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(i == dot ? '.' : (char)('0' + random.Next(i == 0 && (dot != 1 || random.Next(2) == 0) && length > 1 ? 1 : 0, 10)));
        }

        return text.ToString();
    }

    // Random number-like text: digits, dots, signs, exponents, of every length (many invalid).
    private static string Text(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(1, 20); i > 0; i--)
        {
            text.Append(random.Next(6) == 0 ? "0.-eE+"[random.Next(6)] : (char)('0' + random.Next(10)));
        }

        return text.ToString();
    }

    private static string Mutate(string row, Random random)
    {
        var text = new StringBuilder(row);
        for (var k = random.Next(1, 4); k > 0; k--)
        {
            var at = random.Next(text.Length);
            var c = MutationBytes[random.Next(MutationBytes.Length)];
            switch (random.Next(3))
            {
                case 0:
                    text[at] = c;
                    break;
                case 1:
                    text.Insert(at, c);
                    break;
                default:
                    text.Remove(at, 1);
                    break;
            }
        }

        return text.ToString();
    }
}
