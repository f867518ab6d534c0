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
}
