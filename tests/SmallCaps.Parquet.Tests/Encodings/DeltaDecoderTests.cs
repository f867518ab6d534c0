using System.Text;
using SmallCaps.Parquet.Encodings;
using static SmallCaps.Parquet.Tests.Encodings.DecoderTestEncoders;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class DeltaDecoderTests
{
    [Fact]
    public void DeltaBinaryPacked_SpecExample_DecodesAndConsumesAll()
    {
        // Given the spec's example 7, 5, 3, 1, 2, 3, 4, 5 encoded by the reference encoder
        long[] expected = [7, 5, 3, 1, 2, 3, 4, 5];
        var data = DeltaBinaryPacked(expected);

        // When
        var values = DeltaBinaryPackedDecoder.Decode(data, 100, out var consumed);

        // Then
        Assert.Equal(expected, values);
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void DeltaBinaryPacked_ExtremeDeltas_WrapLikeTheSpec()
    {
        // Given values whose deltas overflow 64 bits, spanning several blocks
        var random = new Random(7);
        var expected = Enumerable.Range(0, 700).Select(i => i % 3 == 0 ? long.MinValue : i % 3 == 1 ? long.MaxValue : random.NextInt64(-1000, 1000)).ToArray();
        var data = DeltaBinaryPacked(expected, 256, 8);

        // When
        var values = DeltaBinaryPackedDecoder.Decode(data, expected.Length, out var consumed);

        // Then
        Assert.Equal(expected, values);
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void DeltaBinaryPacked_SingleValue_HeaderOnly()
    {
        // Given
        var data = DeltaBinaryPacked([42]);

        // When
        var values = DeltaBinaryPackedDecoder.Decode(data, 1, out var consumed);

        // Then
        Assert.Equal([42L], values);
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void DeltaBinaryPacked_CountAboveLimit_ThrowsCorrupt()
    {
        var data = DeltaBinaryPacked([1, 2, 3]);
        AssertCorrupt(() => DeltaBinaryPackedDecoder.Decode(data, 2, out _));
    }

    [Fact]
    public void DeltaBinaryPacked_BadBlockSize_ThrowsCorrupt()
    {
        var data = new List<byte>();
        WriteUleb(data, 100);
        WriteUleb(data, 4);
        WriteUleb(data, 3);
        WriteZigZag(data, 0);
        AssertCorrupt(() => DeltaBinaryPackedDecoder.Decode(data.ToArray(), 10, out _));
    }

    [Fact]
    public void DeltaBinaryPacked_Truncated_ThrowsCorrupt()
    {
        var data = DeltaBinaryPacked(Enumerable.Range(0, 300).Select(i => (long)i * i).ToArray());
        AssertCorrupt(() => DeltaBinaryPackedDecoder.Decode(data.AsSpan(0, data.Length / 2), 300, out _));
    }

    [Fact]
    public void DeltaBinaryPacked_WidthAbove64_ThrowsCorrupt()
    {
        var data = DeltaBinaryPacked([1, 2, 3]);
        // Header (block 128 = 2 bytes, 4, 3, first) is 5 bytes, min delta 1 byte, then the widths.
        data[6] = 65;
        AssertCorrupt(() => DeltaBinaryPackedDecoder.Decode(data, 3, out _));
    }

    [Fact]
    public void DeltaLengthByteArray_SpecExample_Decodes()
    {
        // Given "Hello", "World", "Foobar", "ABCDEF"
        var data = DeltaBinaryPacked([5, 5, 6, 6]).Concat(Encoding.ASCII.GetBytes("HelloWorldFoobarABCDEF")).ToArray();

        // When
        var values = DeltaLengthByteArrayDecoder.Decode(data, 4, out var consumed);

        // Then
        Assert.Equal(["Hello", "World", "Foobar", "ABCDEF"], values.Select(v => Encoding.ASCII.GetString(v)));
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void DeltaLengthByteArray_LengthPastEnd_ThrowsCorrupt()
    {
        var data = DeltaBinaryPacked([5, 500]).Concat(Encoding.ASCII.GetBytes("Hello")).ToArray();
        AssertCorrupt(() => DeltaLengthByteArrayDecoder.Decode(data, 2, out _));
    }

    [Fact]
    public void DeltaByteArray_SpecExample_RebuildsPrefixes()
    {
        // Given "axis", "axle", "babble", "babyhood" as prefixes 0,2,0,3 and suffixes
        var data = DeltaBinaryPacked([0, 2, 0, 3])
            .Concat(DeltaBinaryPacked([4, 2, 6, 5]))
            .Concat(Encoding.ASCII.GetBytes("axislebabbleyhood"))
            .ToArray();

        // When
        var values = DeltaByteArrayDecoder.Decode(data, 4);

        // Then
        Assert.Equal(["axis", "axle", "babble", "babyhood"], values.Select(v => Encoding.ASCII.GetString(v)));
    }

    [Fact]
    public void DeltaByteArray_PrefixLongerThanPrevious_ThrowsCorrupt()
    {
        var data = DeltaBinaryPacked([0, 9]).Concat(DeltaBinaryPacked([1, 1])).Concat(Encoding.ASCII.GetBytes("ab")).ToArray();
        AssertCorrupt(() => DeltaByteArrayDecoder.Decode(data, 2));
    }

    [Fact]
    public void DeltaByteArray_CountMismatch_ThrowsCorrupt()
    {
        var data = DeltaBinaryPacked([0, 0]).Concat(DeltaBinaryPacked([1])).Concat(Encoding.ASCII.GetBytes("a")).ToArray();
        AssertCorrupt(() => DeltaByteArrayDecoder.Decode(data, 2));
    }

    [Fact]
    public void ByteStreamSplit_Doubles_Reassembles()
    {
        // Given two doubles split into 8 byte streams
        double[] expected = [1.25, -3.5];
        var raw = expected.SelectMany(BitConverter.GetBytes).ToArray();
        var split = new byte[16];
        for (var i = 0; i < 2; i++)
        {
            for (var k = 0; k < 8; k++)
            {
                split[(k * 2) + i] = raw[(i * 8) + k];
            }
        }

        var output = new byte[16];

        // When
        ByteStreamSplitDecoder.Decode(split, 8, 2, output);

        // Then
        Assert.Equal(expected, new[] { BitConverter.ToDouble(output, 0), BitConverter.ToDouble(output, 8) });
    }

    [Fact]
    public void ByteStreamSplit_Truncated_ThrowsCorrupt()
    {
        AssertCorrupt(() => ByteStreamSplitDecoder.Decode(new byte[15], 8, 2, new byte[16]));
    }
}
