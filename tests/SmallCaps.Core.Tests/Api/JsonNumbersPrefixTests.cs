using System.Globalization;
using System.Text;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

public sealed class JsonNumbersPrefixTests
{
    [Fact]
    public void ReadPrefix_RandomNumbers_BitIdenticalToDoubleParse()
    {
        // Given: integer and fraction runs of every length around the eight-digit steps, leading zeros, exponents
        var random = new Random(424242);
        var fast = 0;
        for (var n = 0; n < 200_000; n++)
        {
            var text = RandomNumber(random);
            var bytes = Encoding.ASCII.GetBytes(text + Pick(random, ",", "}", " ", "]"));

            // When
            var length = JsonNumbers.ReadPrefix(bytes, out var value);

            // Then
            if (length >= 0)
            {
                fast++;
                Assert.Equal(text.Length, length);
                var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{text}: {value:R} != {expected:R}");
            }
        }

        Assert.True(fast > 100_000, $"fast path taken only {fast} times");
    }

    [Theory]
    [InlineData("01,")]
    [InlineData("-01,")]
    [InlineData("1.,")]
    [InlineData(".5,")]
    [InlineData("1e,")]
    [InlineData("1e+,")]
    [InlineData("-,")]
    [InlineData("+1,")]
    [InlineData("1.5")]
    [InlineData("12345678")]
    [InlineData("1e400,")]
    [InlineData("12345678901234567890,")]
    public void ReadPrefix_BadGrammarOutOfRangeOrUnterminated_MinusOne(string text)
    {
        // Then
        Assert.Equal(-1, JsonNumbers.ReadPrefix(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("-0.0}", -0.0, 4)]
    [InlineData("0,", 0.0, 1)]
    [InlineData("1704186000000,\"n\"", 1704186000000.0, 13)]
    [InlineData("12345678.87654321]", 12345678.87654321, 17)]
    [InlineData("0.00000001234 ", 0.00000001234, 13)]
    [InlineData("7E2x", 700.0, 3)]
    public void ReadPrefix_Terminated_StopsAtTheDelimiter(string text, double expected, int length)
    {
        // When
        var read = JsonNumbers.ReadPrefix(Encoding.ASCII.GetBytes(text), out var value);

        // Then
        Assert.Equal(length, read);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];

    private static string RandomNumber(Random random)
    {
        var sb = new StringBuilder();
        if (random.Next(8) == 0)
        {
            sb.Append('-');
        }

        if (random.Next(6) == 0)
        {
            sb.Append('0');
        }
        else
        {
            sb.Append(random.Next(1, 10));
            for (var i = random.Next(0, 18); i > 0; i--)
            {
                sb.Append(random.Next(10));
            }
        }

        if (random.Next(3) > 0)
        {
            sb.Append('.');
            for (var i = random.Next(0, 6) == 0 ? random.Next(1, 12) : 0; i > 0; i--)
            {
                sb.Append('0');
            }

            for (var i = random.Next(1, 17); i > 0; i--)
            {
                sb.Append(random.Next(10));
            }
        }

        if (random.Next(5) == 0)
        {
            sb.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(3) switch { 0 => "+", 1 => "-", _ => string.Empty }).Append(random.Next(0, 30));
        }

        return sb.ToString();
    }
}
