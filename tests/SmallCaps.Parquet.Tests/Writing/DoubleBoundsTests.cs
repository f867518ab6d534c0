using SmallCaps.Parquet.Writing;

namespace SmallCaps.Parquet.Tests.Writing;

public sealed class DoubleBoundsTests
{
    [Fact]
    public void Of_RandomPagesWithNaNsAnywhere_MatchesScalarDefinition()
    {
        var rng = new Random(3);
        for (var trial = 0; trial < 500; trial++)
        {
            // Given pages of 0 to 40 values (vector remainders), NaNs at random places, infinities and signed zeros
            var values = Enumerable.Range(0, rng.Next(41)).Select(_ => rng.Next(12) switch
            {
                0 => double.NaN,
                1 => -0.0,
                2 => double.NegativeInfinity,
                3 => double.PositiveInfinity,
                _ => (rng.NextDouble() - 0.5) * 1e6,
            }).ToArray();
            var numbers = values.Where(v => !double.IsNaN(v)).ToArray();

            // When
            var (min, max, nans) = DoubleBounds.Of(values);

            // Then
            Assert.Equal(values.Length - numbers.Length, nans);
            if (numbers.Length > 0)
            {
                Assert.Equal(numbers.Min(), min);
                Assert.Equal(numbers.Max(), max);
            }
        }
    }

    [Fact]
    public void Of_AllNaN_ReturnsEmptyBoundsAndCountsEvery()
    {
        var (min, max, nans) = DoubleBounds.Of(Enumerable.Repeat(double.NaN, 19).ToArray());
        Assert.Equal(19, nans);
        Assert.True(min > max);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(500)]
    [InlineData(1_002)]
    public void Of_LongPriceRunWithOneNaNOrNone_BoundsOfTheNumbers(int nanAt)
    {
        // Given 1,003 prices (whole vector steps and a remainder), with one NaN at the given place (-1: none)
        var values = Enumerable.Range(0, 1_003).Select(i => 100 + Math.Sin(i) * 7).ToArray();
        if (nanAt >= 0)
        {
            values[nanAt] = double.NaN;
        }

        var numbers = values.Where(v => !double.IsNaN(v)).ToArray();

        // When
        var (min, max, nans) = DoubleBounds.Of(values);

        // Then
        Assert.Equal(nanAt >= 0 ? 1 : 0, nans);
        Assert.Equal(numbers.Min(), min);
        Assert.Equal(numbers.Max(), max);
    }
}
