using System.Text;
using SmallCaps.Parquet.Encodings;
using static SmallCaps.Parquet.Tests.Encodings.DecoderTestEncoders;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class PlainDecoderTests
{
    [Fact]
    public void ReadFixed_Doubles_CopiesAndReportsBytes()
    {
        // Given
        double[] expected = [1.5, -2.25, double.NaN];
        var bytes = expected.SelectMany(BitConverter.GetBytes).Concat(new byte[] { 9 }).ToArray();
        var output = new double[3];

        // When
        var consumed = PlainDecoder.ReadFixed<double>(bytes, output);

        // Then
        Assert.Equal(24, consumed);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void ReadFixed_Int32Truncated_ThrowsCorrupt()
    {
        AssertCorrupt(() => PlainDecoder.ReadFixed<int>(new byte[7], new int[2]));
    }

    [Fact]
    public void ReadInt96_ImpalaTimestamp_ConvertsToEpochNanos()
    {
        // Given 2009-03-01 00:01:00 as Julian day 2454892 and 60e9 nanos of day
        var bytes = BitConverter.GetBytes(60_000_000_000L).Concat(BitConverter.GetBytes(2454892)).ToArray();
        var output = new long[1];

        // When
        PlainDecoder.ReadInt96(bytes, output);

        // Then
        var expected = new DateTimeOffset(2009, 3, 1, 0, 1, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        Assert.Equal(expected, output[0]);
    }

    [Fact]
    public void ReadBoolean_BitPacked_LsbFirst()
    {
        // Given 0b0000_0101, 0b1
        var output = new bool[9];

        // When
        var consumed = PlainDecoder.ReadBoolean([0x05, 0x01], output);

        // Then
        Assert.Equal(2, consumed);
        Assert.Equal([true, false, true, false, false, false, false, false, true], output);
    }

    [Fact]
    public void ReadByteArray_LengthPrefixed_DecodesEach()
    {
        // Given "ab", "", "xyz"
        byte[] bytes = [2, 0, 0, 0, (byte)'a', (byte)'b', 0, 0, 0, 0, 3, 0, 0, 0, (byte)'x', (byte)'y', (byte)'z'];
        var output = new byte[3][];

        // When
        var consumed = PlainDecoder.ReadByteArray(bytes, output);

        // Then
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(["ab", "", "xyz"], output.Select(b => Encoding.UTF8.GetString(b)));
    }

    [Fact]
    public void ReadByteArray_LengthPastEnd_ThrowsCorrupt()
    {
        AssertCorrupt(() => PlainDecoder.ReadByteArray([0xFF, 0xFF, 0xFF, 0x7F, 1], new byte[1][]));
    }

    [Fact]
    public void ReadByteArray_TruncatedLength_ThrowsCorrupt()
    {
        AssertCorrupt(() => PlainDecoder.ReadByteArray([1, 0, 0, 0, 9, 1, 0], new byte[2][]));
    }

    [Fact]
    public void ReadFixedLenByteArray_Width3_SplitsValues()
    {
        // Given
        var output = new byte[2][];

        // When
        PlainDecoder.ReadFixedLenByteArray([1, 2, 3, 4, 5, 6], 3, output);

        // Then
        Assert.Equal([1, 2, 3], output[0]);
        Assert.Equal([4, 5, 6], output[1]);
    }

    [Fact]
    public void ReadFixedLenByteArray_Truncated_ThrowsCorrupt()
    {
        AssertCorrupt(() => PlainDecoder.ReadFixedLenByteArray([1, 2, 3, 4, 5], 3, new byte[2][]));
    }
}
