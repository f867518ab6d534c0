using System.Runtime.InteropServices;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class ByteStreamSplitEncoderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(63)]
    [InlineData(8192)]
    [InlineData(8195)]
    public void Encode_Doubles_MatchesTheSpecLayoutAndDecodesBack(int count)
    {
        // Given random bit patterns (NaN payloads included), special values and volumes
        var rng = new Random(count);
        double[] specials = [double.NaN, -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, double.MinValue];
        var values = Enumerable.Range(0, count).Select(i => (i % 3) switch
        {
            0 => BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)),
            1 => specials[rng.Next(specials.Length)],
            _ => 100.0 * rng.Next(1, 500),
        }).ToArray();
        using var output = new ByteBuffer(4);

        // When
        ByteStreamSplitEncoder.Encode(values, output);

        // Then: byte k of value i sits at k * count + i, and our reader reassembles the same bits
        var plain = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var expected = new byte[plain.Length];
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < 8; k++)
            {
                expected[(k * count) + i] = plain[(i * 8) + k];
            }
        }

        Assert.Equal(expected, output.WrittenSpan.ToArray());
        var decoded = new double[count];
        ByteStreamSplitDecoder.Decode(output.WrittenSpan, 8, count, MemoryMarshal.AsBytes(decoded.AsSpan()));
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), decoded.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Encode_AppendsAfterExistingBytes()
    {
        // Given a buffer that already holds a page's levels
        using var output = new ByteBuffer(4);
        output.Write([9, 9, 9]);

        // When
        ByteStreamSplitEncoder.Encode([1.0, 2.0], output);

        // Then
        Assert.Equal(3 + 16, output.Length);
        Assert.Equal(new byte[] { 9, 9, 9 }, output.WrittenSpan[..3].ToArray());
        var decoded = new double[2];
        ByteStreamSplitDecoder.Decode(output.WrittenSpan[3..], 8, 2, MemoryMarshal.AsBytes(decoded.AsSpan()));
        Assert.Equal([1.0, 2.0], decoded);
    }
}
