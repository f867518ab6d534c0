using System.Globalization;
using System.Text;
using SmallCaps.Simulator.Json;

namespace SmallCaps.Simulator.Tests.Json;

public sealed class GridNumberTests
{
    [Theory]
    [InlineData(1.5032, "1.5032")]
    [InlineData(642646396.0, "642646396")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(12.3, "12.3")]
    [InlineData(0.0, "0")]
    [InlineData(1234.56, "1234.56")]
    public void Write_GridValue_IsShortestDecimal(double value, string expected)
    {
        // Given / When
        Span<byte> buffer = stackalloc byte[64];
        var n = GridNumber.Write(buffer, value);

        // Then
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..n]));
    }

    [Theory]
    [InlineData(1029145.0, "1.029145e+06")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(95595226.0, "9.5595226e+07")]
    [InlineData(1234567.89, "1.23456789e+06")]
    [InlineData(999999.0, "999999")]
    public void WriteExponent_LargeVolume_UsesGoShortestG(double value, string expected)
    {
        // Given / When
        Span<byte> buffer = stackalloc byte[64];
        var n = GridNumber.WriteExponent(buffer, value);

        // Then
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..n]));
    }

    [Fact]
    public void Write_RandomGridAndOffGridValues_ParseBackToTheSameDouble()
    {
        // Given values on 2- and 4-decimal grids (as the simulator rounds them) and some off the grid
        var random = new Random(3);
        Span<byte> buffer = stackalloc byte[64];
        for (var i = 0; i < 20_000; i++)
        {
            var value = (i % 3) switch
            {
                0 => Math.Round(random.NextDouble() * 500, 2, MidpointRounding.AwayFromZero),
                1 => Math.Round(random.NextDouble() * 3 / 7.0, 4, MidpointRounding.AwayFromZero),
                _ => random.NextDouble() * 1e3,
            };

            // When written and parsed
            var n = GridNumber.Write(buffer, value);
            var back = double.Parse(Encoding.UTF8.GetString(buffer[..n]), CultureInfo.InvariantCulture);

            // Then nothing changes
            Assert.Equal(value, back);
        }
    }
}
