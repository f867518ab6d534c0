namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift DataPageHeaderV2: levels are stored uncompressed ahead of the values.</summary>
internal sealed class DataPageHeaderV2
{
    public int NumValues { get; set; }

    public int NumNulls { get; set; }

    public int NumRows { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    /// <summary>Whether the values section is compressed; the spec's default is true.</summary>
    public bool IsCompressed { get; set; } = true;

    public Statistics? Statistics { get; set; }

    public static DataPageHeaderV2 Read(CompactReader r)
    {
        var h = new DataPageHeaderV2();
        var seen = 0;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.I32: h.NumNulls = r.ReadI32(); seen |= 2; break;
                case 3 when type == CompactType.I32: h.NumRows = r.ReadI32(); seen |= 4; break;
                case 4 when type == CompactType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); seen |= 8; break;
                case 5 when type == CompactType.I32: h.DefinitionLevelsByteLength = r.ReadI32(); seen |= 16; break;
                case 6 when type == CompactType.I32: h.RepetitionLevelsByteLength = r.ReadI32(); seen |= 32; break;
                case 7 when CompactReader.IsBool(type): h.IsCompressed = type == CompactType.BooleanTrue; break;
                case 8 when type == CompactType.Struct: h.Statistics = Statistics.Read(r); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        if (seen != 63)
        {
            throw r.Fail("DataPageHeaderV2 misses a required field");
        }

        if (h.NumValues < 0 || h.NumNulls < 0 || h.NumRows < 0 || h.DefinitionLevelsByteLength < 0 || h.RepetitionLevelsByteLength < 0)
        {
            throw r.Fail("DataPageHeaderV2 has a negative count or length");
        }

        return h;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, NumValues);
        w.WriteI32Field(2, NumNulls);
        w.WriteI32Field(3, NumRows);
        w.WriteI32Field(4, (int)Encoding);
        w.WriteI32Field(5, DefinitionLevelsByteLength);
        w.WriteI32Field(6, RepetitionLevelsByteLength);
        w.WriteBoolField(7, IsCompressed);
        if (Statistics is not null)
        {
            w.WriteStructFieldHeader(8);
            Statistics.Write(w);
        }

        w.EndStruct();
    }
}
