using SmallCaps.Parquet.Encodings;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class NumericDictionaryBuilderTests
{
    [Fact]
    public void Map_RunsOfEqualValues_ShareAnIndexInFirstSeenOrder()
    {
        // Given
        var dictionary = new NumericDictionaryBuilder<double>();
        double[] values = [5.25, 5.25, 5.25, 7.5, 7.5, 5.25, 9.0, 9.0];
        var indices = new int[values.Length];

        // When
        dictionary.Map(values, indices);

        // Then
        Assert.Equal([0, 0, 0, 1, 1, 0, 2, 2], indices);
        Assert.Equal([5.25, 7.5, 9.0], dictionary.Entries.ToArray());
    }

    [Fact]
    public void Map_NaNPayloadsAndSignedZeros_StayDistinctBitPatterns()
    {
        // Given +0.0, -0.0, the canonical NaN and a NaN with another payload, repeated and interleaved
        var otherNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001);
        double[] values = [0.0, -0.0, double.NaN, otherNaN, otherNaN, 0.0, -0.0, double.NaN];
        var dictionary = new NumericDictionaryBuilder<double>();
        var indices = new int[values.Length];

        // When
        dictionary.Map(values, indices);

        // Then
        Assert.Equal([0, 1, 2, 3, 3, 0, 1, 2], indices);
        Assert.Equal(
            values.Take(4).Select(BitConverter.DoubleToInt64Bits),
            dictionary.Entries.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Map_ManyWholeNumbersAcrossPagesAndGrowth_KeepsFirstSeenIndices()
    {
        // Given 20,000 distinct whole numbers stored as doubles (volumes: zero low mantissa bits), mapped twice page by page
        var dictionary = new NumericDictionaryBuilder<double>();
        var values = Enumerable.Range(0, 20_000).Select(i => i * 100.0).ToArray();
        var indices = new int[1_000];

        // When / Then
        for (var pass = 0; pass < 2; pass++)
        {
            for (var from = 0; from < values.Length; from += indices.Length)
            {
                dictionary.Map(values.AsSpan(from, indices.Length), indices);
                Assert.Equal(Enumerable.Range(from, indices.Length), indices);
            }
        }

        Assert.Equal(20_000, dictionary.Count);
        Assert.Equal(20_000 * 8, dictionary.ByteSize);
    }

    [Fact]
    public void Clear_AfterGrowth_StartsIndicesAtZeroAgain()
    {
        // Given
        var dictionary = new NumericDictionaryBuilder<int>();
        var indices = new int[3_000];
        dictionary.Map([.. Enumerable.Range(-1_500, 3_000)], indices);

        // When
        dictionary.Clear();
        dictionary.Map([42, -7, 42, int.MinValue], indices);

        // Then
        Assert.Equal([0, 1, 0, 2], indices[..4]);
        Assert.Equal([42, -7, int.MinValue], dictionary.Entries.ToArray());
    }

    [Fact]
    public void Map_RandomPricesWithCollisionsAndGrowth_MatchesAReferenceMap()
    {
        // Given random walks of prices in cents (many values land away from their home slot and are swapped home when found),
        // mapped page by page through two growths and a clear
        var rng = new Random(11);
        var dictionary = new NumericDictionaryBuilder<double>();
        var reference = new Dictionary<long, int>();
        var indices = new int[512];
        var price = 1000;
        for (var page = 0; page < 40; page++)
        {
            if (page == 25)
            {
                dictionary.Clear();
                reference.Clear();
            }

            var values = new double[indices.Length];
            for (var i = 0; i < values.Length; i++)
            {
                price = Math.Max(1, price + rng.Next(-3, 4));
                values[i] = rng.Next(10) == 0 ? rng.Next(1, 5000) / 100.0 : price / 100.0;
            }

            // When
            dictionary.Map(values, indices);

            // Then
            for (var i = 0; i < values.Length; i++)
            {
                var bits = BitConverter.DoubleToInt64Bits(values[i]);
                if (!reference.TryGetValue(bits, out var expected))
                {
                    expected = reference.Count;
                    reference.Add(bits, expected);
                }

                Assert.Equal(expected, indices[i]);
            }
        }

        Assert.Equal(reference.Count, dictionary.Count);
    }

    [Fact]
    public void Map_NeighboursRepeatingInStreaks_GivesEveryRepeatItsFirstIndex()
    {
        // Given bar-like prices: streaks of 1 to 30 equal neighbours, each streak's price new or one seen before, in one call
        var rng = new Random(23);
        var values = new double[20_000];
        var seen = new List<double>();
        for (var i = 0; i < values.Length;)
        {
            var price = seen.Count > 0 && rng.Next(3) > 0 ? seen[rng.Next(seen.Count)] : rng.Next(1, 100_000) / 100.0;
            seen.Add(price);
            for (var streak = rng.Next(1, 31); streak > 0 && i < values.Length; streak--)
            {
                values[i++] = price;
            }
        }

        var dictionary = new NumericDictionaryBuilder<double>();
        var indices = new int[values.Length];

        // When
        dictionary.Map(values, indices);

        // Then
        AssertMatchesFirstSeenOrder(values, indices, dictionary.Entries.ToArray());
    }

    [Fact]
    public void Map_OneCallAddingThroughEveryGrowth_MatchesAReferenceMap()
    {
        // Given 30,000 values in one call, each new one followed by a repeat of an earlier one: entries are added inline while
        // the table has room and through the growing path at each boundary (1,024 entries, then every doubling)
        var rng = new Random(5);
        var values = new long[30_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i % 2 == 0 ? (i / 2 * 7919L) - 50_000 : values[rng.Next(i)];
        }

        var dictionary = new NumericDictionaryBuilder<long>();
        var indices = new int[values.Length];

        // When
        dictionary.Map(values, indices);

        // Then
        AssertMatchesFirstSeenOrder(values, indices, dictionary.Entries.ToArray());
    }

    // Each value's index is the order in which it was first seen, and the entries are the values in that order.
    private static void AssertMatchesFirstSeenOrder<T>(T[] values, int[] indices, T[] entries)
        where T : notnull
    {
        var reference = new Dictionary<T, int>();
        for (var i = 0; i < values.Length; i++)
        {
            if (!reference.TryGetValue(values[i], out var expected))
            {
                expected = reference.Count;
                reference.Add(values[i], expected);
            }

            Assert.Equal(expected, indices[i]);
        }

        Assert.Equal(reference.Keys, entries);
    }
}
