namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift DataPageHeader (V1 data page).</summary>
internal sealed class DataPageHeader
{
    /// <summary>Values in the page, nulls included.</summary>
    public int NumValues { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public ParquetEncoding DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    public ParquetEncoding RepetitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    public Statistics? Statistics { get; set; }

    public static DataPageHeader Read(CompactReader r)
    {
        var h = new DataPageHeader();
        var seen = 0;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); seen |= 2; break;
                case 3 when type == CompactType.I32: h.DefinitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                case 4 when type == CompactType.I32: h.RepetitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                case 5 when type == CompactType.Struct: h.Statistics = Statistics.Read(r); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        return seen == 3 && h.NumValues >= 0 ? h : throw r.Fail("DataPageHeader misses num_values or encoding, or num_values is negative");
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, NumValues);
        w.WriteI32Field(2, (int)Encoding);
        w.WriteI32Field(3, (int)DefinitionLevelEncoding);
        w.WriteI32Field(4, (int)RepetitionLevelEncoding);
        if (Statistics is not null)
        {
            w.WriteStructFieldHeader(5);
            Statistics.Write(w);
        }

        w.EndStruct();
    }
}
