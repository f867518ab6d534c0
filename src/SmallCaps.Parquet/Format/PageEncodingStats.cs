namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift PageEncodingStats: how many pages of a type used an encoding.</summary>
internal sealed class PageEncodingStats
{
    public PageType PageType { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public int Count { get; set; }

    public static PageEncodingStats Read(CompactReader r)
    {
        var s = new PageEncodingStats();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: s.PageType = (PageType)r.ReadI32(); break;
                case 2 when type == CompactType.I32: s.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 3 when type == CompactType.I32: s.Count = r.ReadI32(); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        return s;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, (int)PageType);
        w.WriteI32Field(2, (int)Encoding);
        w.WriteI32Field(3, Count);
        w.EndStruct();
    }
}
