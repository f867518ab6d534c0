using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Tests.Format;

public sealed class CompactProtocolTests
{
    [Theory]
    [InlineData(0L, new byte[] { 0x00 })]
    [InlineData(-1L, new byte[] { 0x01 })]
    [InlineData(1L, new byte[] { 0x02 })]
    [InlineData(-2L, new byte[] { 0x03 })]
    [InlineData(150L, new byte[] { 0xAC, 0x02 })]
    [InlineData(-64L, new byte[] { 0x7F })]
    [InlineData(64L, new byte[] { 0x80, 0x01 })]
    [InlineData(long.MaxValue, new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    [InlineData(long.MinValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void WriteI64_ZigZagVarint_ExactBytesAndRoundTrip(long value, byte[] expected)
    {
        // Given
        using var buffer = new ByteBuffer();
        var writer = new CompactWriter(buffer);

        // When
        writer.WriteI64(value);

        // Then
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(value, new CompactReader(buffer.WrittenSpan.ToArray()).ReadI64());
    }

    [Fact]
    public void WriteUnsignedVarInt_300_IsAC02()
    {
        using var buffer = new ByteBuffer();
        buffer.WriteUnsignedVarInt(300);
        Assert.Equal(new byte[] { 0xAC, 0x02 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteFieldHeader_SmallDeltaAndLongJump_UsesShortAndLongForms()
    {
        // Given
        using var buffer = new ByteBuffer();
        var w = new CompactWriter(buffer);

        // When: field 1 (delta 1), field 20 (delta 19 > 15: long form), bool true field 21
        w.BeginStruct();
        w.WriteI32Field(1, 3);
        w.WriteI32Field(20, -1);
        w.WriteBoolField(21, true);
        w.EndStruct();

        // Then
        Assert.Equal(new byte[] { 0x15, 0x06, 0x05, 0x28, 0x01, 0x11, 0x00 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteListHeader_FifteenOrMore_UsesVarintSize()
    {
        using var buffer = new ByteBuffer();
        var w = new CompactWriter(buffer);
        w.WriteListHeader(CompactType.I32, 3);
        w.WriteListHeader(CompactType.Struct, 20);
        Assert.Equal(new byte[] { 0x35, 0xFC, 0x14 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void ReadFieldHeader_UnknownFieldsOfEveryType_AreSkipped()
    {
        // Given: a KeyValue with unknown fields 3..9 of all kinds between key and value
        using var buffer = new ByteBuffer();
        var w = new CompactWriter(buffer);
        w.BeginStruct();
        w.WriteStringField(1, "k");
        w.WriteI64Field(3, 12345);
        w.WriteBoolField(4, false);
        w.WriteListFieldHeader(5, CompactType.Binary, 2);
        w.WriteString("a");
        w.WriteString("bc");
        w.WriteStructFieldHeader(6);
        w.BeginStruct();
        w.WriteI32Field(1, 9);
        w.WriteListFieldHeader(2, CompactType.BooleanTrue, 2);
        w.WriteBoolElement(true);
        w.WriteBoolElement(false);
        w.EndStruct();
        w.WriteFieldHeader(7, CompactType.Double);
        buffer.Write(BitConverter.GetBytes(1.5));
        w.WriteFieldHeader(8, CompactType.Map);
        buffer.WriteUnsignedVarInt(1);
        buffer.WriteByte(0x85); // binary -> i32
        w.WriteString("x");
        w.WriteI32(1);
        w.WriteByteField(9, -3);
        w.WriteFieldHeader(2, CompactType.Binary);
        w.WriteString("v");
        w.EndStruct();

        // When
        var reader = new CompactReader(buffer.WrittenSpan.ToArray());
        var kv = KeyValue.Read(reader);

        // Then
        Assert.Equal("k", kv.Key);
        Assert.Equal("v", kv.Value);
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [InlineData(new byte[] { 0x19, 0xF8, 0xFF, 0xFF, 0xFF, 0x07 })] // list<struct> claiming 2^31 elements
    [InlineData(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0x7F })] // binary claiming 268 MB
    [InlineData(new byte[] { 0x16, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // over-long varint
    [InlineData(new byte[] { 0x1D })] // unknown type 13
    [InlineData(new byte[] { 0x15 })] // truncated
    public void Skip_HostileInput_ThrowsParquetFormatException(byte[] bytes)
    {
        var reader = new CompactReader(bytes, "evil.parquet");
        var ex = Assert.Throws<ParquetFormatException>(() => KeyValue.Read(reader));
        Assert.Contains("evil.parquet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_DeeplyNestedStructs_FailsAtDepthLimit()
    {
        // Given: 10,000 nested struct fields (a stack-overflow attempt)
        var bytes = Enumerable.Repeat((byte)0x1C, 10_000).ToArray();

        // When / Then
        var ex = Assert.Throws<ParquetFormatException>(() => KeyValue.Read(new CompactReader(bytes)));
        Assert.Contains("nested", ex.Message, StringComparison.Ordinal);
    }
}
