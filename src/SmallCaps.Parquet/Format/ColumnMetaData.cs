namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift ColumnMetaData: where a column chunk's pages are and what they hold.</summary>
internal sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }

    public List<ParquetEncoding> Encodings { get; set; } = [];

    public List<string> PathInSchema { get; set; } = [];

    public CompressionCodec Codec { get; set; }

    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public List<KeyValue>? KeyValueMetadata { get; set; }

    public long DataPageOffset { get; set; }

    public long? IndexPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public Statistics? Statistics { get; set; }

    public List<PageEncodingStats>? EncodingStats { get; set; }

    public long? BloomFilterOffset { get; set; }

    public int? BloomFilterLength { get; set; }

    public static ColumnMetaData Read(CompactReader r)
    {
        var m = new ColumnMetaData();
        var seen = 0;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: m.Type = (PhysicalType)r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.List: m.Encodings = r.ReadList(CompactType.I32, static x => (ParquetEncoding)x.ReadI32()); break;
                case 3 when type == CompactType.List: m.PathInSchema = r.ReadList(CompactType.Binary, static x => x.ReadString()); break;
                case 4 when type == CompactType.I32: m.Codec = (CompressionCodec)r.ReadI32(); seen |= 2; break;
                case 5 when type == CompactType.I64: m.NumValues = r.ReadI64(); seen |= 4; break;
                case 6 when type == CompactType.I64: m.TotalUncompressedSize = r.ReadI64(); break;
                case 7 when type == CompactType.I64: m.TotalCompressedSize = r.ReadI64(); seen |= 8; break;
                case 8 when type == CompactType.List: m.KeyValueMetadata = r.ReadList(CompactType.Struct, KeyValue.Read); break;
                case 9 when type == CompactType.I64: m.DataPageOffset = r.ReadI64(); seen |= 16; break;
                case 10 when type == CompactType.I64: m.IndexPageOffset = r.ReadI64(); break;
                case 11 when type == CompactType.I64: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when type == CompactType.Struct: m.Statistics = Statistics.Read(r); break;
                case 13 when type == CompactType.List: m.EncodingStats = r.ReadList(CompactType.Struct, PageEncodingStats.Read); break;
                case 14 when type == CompactType.I64: m.BloomFilterOffset = r.ReadI64(); break;
                case 15 when type == CompactType.I32: m.BloomFilterLength = r.ReadI32(); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        return seen == 31 ? m : throw r.Fail("ColumnMetaData misses a required field (type, codec, num_values, total_compressed_size or data_page_offset)");
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, (int)Type);
        w.WriteListFieldHeader(2, CompactType.I32, Encodings.Count);
        foreach (var e in Encodings)
        {
            w.WriteI32((int)e);
        }

        w.WriteListFieldHeader(3, CompactType.Binary, PathInSchema.Count);
        foreach (var p in PathInSchema)
        {
            w.WriteString(p);
        }

        w.WriteI32Field(4, (int)Codec);
        w.WriteI64Field(5, NumValues);
        w.WriteI64Field(6, TotalUncompressedSize);
        w.WriteI64Field(7, TotalCompressedSize);
        if (KeyValueMetadata is not null)
        {
            w.WriteListFieldHeader(8, CompactType.Struct, KeyValueMetadata.Count);
            foreach (var kv in KeyValueMetadata)
            {
                kv.Write(w);
            }
        }

        w.WriteI64Field(9, DataPageOffset);
        if (IndexPageOffset is { } ipo)
        {
            w.WriteI64Field(10, ipo);
        }

        if (DictionaryPageOffset is { } dpo)
        {
            w.WriteI64Field(11, dpo);
        }

        if (Statistics is not null)
        {
            w.WriteStructFieldHeader(12);
            Statistics.Write(w);
        }

        if (EncodingStats is not null)
        {
            w.WriteListFieldHeader(13, CompactType.Struct, EncodingStats.Count);
            foreach (var s in EncodingStats)
            {
                s.Write(w);
            }
        }

        if (BloomFilterOffset is { } bfo)
        {
            w.WriteI64Field(14, bfo);
        }

        if (BloomFilterLength is { } bfl)
        {
            w.WriteI32Field(15, bfl);
        }

        w.EndStruct();
    }
}
