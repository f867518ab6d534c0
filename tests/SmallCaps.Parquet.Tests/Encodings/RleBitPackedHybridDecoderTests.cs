using SmallCaps.Parquet.Encodings;
using static SmallCaps.Parquet.Tests.Encodings.DecoderTestEncoders;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class RleBitPackedHybridDecoderTests
{
    [Fact]
    public void Decode_RepeatedRun_FillsValue()
    {
        // Given a run of 5 x 3 at width 2
        byte[] data = [5 << 1, 3];
        var output = new int[5];

        // When
        new RleBitPackedHybridDecoder(data, 2).Decode(output);

        // Then
        Assert.Equal([3, 3, 3, 3, 3], output);
    }

    [Fact]
    public void Decode_RunLongerThanNeeded_StopsAtRequestedCount()
    {
        // Given a run of 1000 ones but a page of 3 values (DuckDB-style over-long trailing run)
        var data = new List<byte>();
        WriteUleb(data, 1000 << 1);
        data.Add(1);
        var output = new int[3];

        // When
        var decoder = new RleBitPackedHybridDecoder(data.ToArray(), 1);
        decoder.Decode(output);

        // Then
        Assert.Equal([1, 1, 1], output);
    }

    [Fact]
    public void Decode_BitPackedThenRle_MixedRuns()
    {
        // Given one bit-packed group of 0..7 (width 3) followed by a run of 4 x 6
        byte[] data = [(1 << 1) | 1, 0x88, 0xC6, 0xFA, 4 << 1, 6];
        var output = new int[12];

        // When
        new RleBitPackedHybridDecoder(data, 3).Decode(output);

        // Then
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 6, 6, 6, 6], output);
    }

    [Fact]
    public void Decode_InSeveralCalls_ContinuesInsideRuns()
    {
        // Given
        byte[] data = [(1 << 1) | 1, 0x88, 0xC6, 0xFA, 4 << 1, 6];
        var first = new int[5];
        var second = new int[7];

        // When
        var decoder = new RleBitPackedHybridDecoder(data, 3);
        decoder.Decode(first);
        decoder.Decode(second);

        // Then
        Assert.Equal([0, 1, 2, 3, 4], first);
        Assert.Equal([5, 6, 7, 6, 6, 6, 6], second);
    }

    [Fact]
    public void Decode_WidthZero_AllZeros()
    {
        // Given a run of 10 with no value bytes
        byte[] data = [10 << 1];
        var output = Enumerable.Repeat(9, 10).ToArray();

        // When
        new RleBitPackedHybridDecoder(data, 0).Decode(output);

        // Then
        Assert.All(output, v => Assert.Equal(0, v));
    }

    [Fact]
    public void WithLengthPrefix_V1Levels_ReportsTotalBytes()
    {
        // Given a 4-byte length prefix then a run of 3 x 1, followed by unrelated bytes
        byte[] data = [2, 0, 0, 0, 3 << 1, 1, 0xFF, 0xFF];
        var output = new int[3];

        // When
        var decoder = RleBitPackedHybridDecoder.WithLengthPrefix(data, 1, out var total);
        decoder.Decode(output);

        // Then
        Assert.Equal(6, total);
        Assert.Equal([1, 1, 1], output);
    }

    [Fact]
    public void WithLengthPrefix_LengthBeyondBuffer_ThrowsCorrupt()
    {
        AssertCorrupt(() => RleBitPackedHybridDecoder.WithLengthPrefix([100, 0, 0, 0, 2, 1], 1, out _));
    }

    [Fact]
    public void WithLengthPrefix_NegativeLength_ThrowsCorrupt()
    {
        AssertCorrupt(() => RleBitPackedHybridDecoder.WithLengthPrefix([0xFF, 0xFF, 0xFF, 0xFF, 2, 1], 1, out _));
    }

    [Fact]
    public void ForDictionaryIndices_LeadingWidthByte_DecodesIndices()
    {
        // Given width byte 3, then one packed group
        byte[] data = [3, (1 << 1) | 1, 0x88, 0xC6, 0xFA];
        var output = new int[6];

        // When
        RleBitPackedHybridDecoder.ForDictionaryIndices(data).Decode(output);

        // Then
        Assert.Equal([0, 1, 2, 3, 4, 5], output);
    }

    [Fact]
    public void ForDictionaryIndices_WidthAbove32_ThrowsCorrupt()
    {
        AssertCorrupt(() => RleBitPackedHybridDecoder.ForDictionaryIndices([40, 2, 1]));
    }

    [Fact]
    public void Decode_DataEndsEarly_ThrowsCorrupt()
    {
        AssertCorrupt(() => new RleBitPackedHybridDecoder([3 << 1, 1], 1).Decode(new int[4]));
    }

    [Fact]
    public void Decode_EmptyData_ThrowsCorrupt()
    {
        AssertCorrupt(() => new RleBitPackedHybridDecoder([], 1).Decode(new int[1]));
    }

    [Fact]
    public void Decode_RunValueWiderThanWidth_ThrowsCorrupt()
    {
        AssertCorrupt(() => new RleBitPackedHybridDecoder([3 << 1, 5], 2).Decode(new int[3]));
    }

    [Fact]
    public void Decode_TruncatedFinalPackedRun_DecodesPresentValues()
    {
        // Given a header claiming 2 groups (16 values of width 8) but only 3 bytes present
        byte[] data = [(2 << 1) | 1, 7, 8, 9];
        var output = new int[3];

        // When
        new RleBitPackedHybridDecoder(data, 8).Decode(output);

        // Then
        Assert.Equal([7, 8, 9], output);
    }

    [Fact]
    public void Decode_TruncatedPackedRunNeededBeyondData_ThrowsCorrupt()
    {
        AssertCorrupt(() => new RleBitPackedHybridDecoder([(2 << 1) | 1, 7, 8, 9], 8).Decode(new int[4]));
    }

    [Fact]
    public void Decode_HugeRunHeader_DoesNotAllocateOrHang()
    {
        // Given a run header of 2^31-1 values and a small request
        var data = new List<byte>();
        WriteUleb(data, ((ulong)int.MaxValue << 1) | 1);
        data.Add(0xAA);
        var output = new int[8];

        // When
        new RleBitPackedHybridDecoder(data.ToArray(), 1).Decode(output);

        // Then
        Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1], output);
    }

    [Fact]
    public void Decode_HeaderBeyond32Bits_ThrowsCorrupt()
    {
        var data = new List<byte>();
        WriteUleb(data, 1UL << 40);
        AssertCorrupt(() => new RleBitPackedHybridDecoder(data.ToArray(), 1).Decode(new int[1]));
    }

    [Fact]
    public void Decode_RandomRuns_MatchReference()
    {
        // Given alternating RLE and bit-packed runs from a fixed seed
        var random = new Random(42);
        var expected = new List<int>();
        var data = new List<byte>();
        const int width = 5;
        for (var r = 0; r < 50; r++)
        {
            if (random.Next(2) == 0)
            {
                var count = random.Next(1, 40);
                var value = random.Next(32);
                WriteUleb(data, (ulong)count << 1);
                data.Add((byte)value);
                expected.AddRange(Enumerable.Repeat(value, count));
            }
            else
            {
                var groups = random.Next(1, 4);
                var values = Enumerable.Range(0, groups * 8).Select(_ => (ulong)random.Next(32)).ToList();
                WriteUleb(data, ((ulong)groups << 1) | 1);
                data.AddRange(BitPack(values, width));
                expected.AddRange(values.Select(v => (int)v));
            }
        }

        var output = new int[expected.Count];

        // When
        new RleBitPackedHybridDecoder(data.ToArray(), width).Decode(output);

        // Then
        Assert.Equal(expected, output);
    }
}
