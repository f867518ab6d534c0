using System.Globalization;
using System.Text;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

public sealed class JsonNumbersTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("1.029145e+06", 1029145.0)]
    [InlineData("1.469", 1.469)]
    [InlineData("0.0001", 0.0001)]
    [InlineData("642646396.0", 642646396.0)]
    [InlineData("-12.5E-3", -0.0125)]
    [InlineData("7E2", 700.0)]
    public void TryParse_VendorShapes_ExactValue(string text, double expected)
    {
        // When
        var ok = JsonNumbers.TryParse(Encoding.ASCII.GetBytes(text), out var value);

        // Then
        Assert.True(ok);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("1234567890.1234567")]
    [InlineData("1e400")]
    [InlineData("1e-30")]
    [InlineData("0.1234567890123456789")]
    public void TryParse_BeyondExactRange_DefersToGeneralParser(string text)
    {
        // Then
        Assert.False(JsonNumbers.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_RandomDecimals_BitIdenticalToDoubleParse()
    {
        // Given: a fixed seed; shapes like prices, volumes and vwaps, with and without exponents
        var random = new Random(20260101);
        var fast = 0;

        for (var n = 0; n < 200_000; n++)
        {
            var text = RandomNumber(random);

            // When
            var ok = JsonNumbers.TryParse(Encoding.ASCII.GetBytes(text), out var value);

            // Then
            if (ok)
            {
                fast++;
                var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{text}: {value:R} != {expected:R}");
            }
        }

        Assert.True(fast > 150_000, $"fast path taken only {fast} times");
    }

    private static string RandomNumber(Random random)
    {
        var sb = new StringBuilder();
        if (random.Next(10) == 0)
        {
            sb.Append('-');
        }

        var intDigits = random.Next(1, 12);
        sb.Append(random.Next(1, 10));
        for (var i = 1; i < intDigits; i++)
        {
            sb.Append(random.Next(10));
        }

        if (random.Next(3) > 0)
        {
            sb.Append('.');
            var fractionDigits = random.Next(1, 9);
            for (var i = 0; i < fractionDigits; i++)
            {
                sb.Append(random.Next(10));
            }
        }

        if (random.Next(5) == 0)
        {
            sb.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(3) switch { 0 => "+", 1 => "-", _ => "" }).Append(random.Next(0, 25));
        }

        return sb.ToString();
    }
}
