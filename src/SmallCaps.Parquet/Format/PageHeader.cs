namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift PageHeader: precedes every page; exactly one of the typed headers is set.</summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedPageSize { get; set; }

    public int CompressedPageSize { get; set; }

    public int? Crc { get; set; }

    public DataPageHeader? DataPageHeader { get; set; }

    public DictionaryPageHeader? DictionaryPageHeader { get; set; }

    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }

    /// <summary>Reads a page header; <see cref="CompactReader.Position"/> then tells its length in bytes.</summary>
    public static PageHeader Read(CompactReader r)
    {
        var h = new PageHeader();
        var seen = 0;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.Type = (PageType)r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.I32: h.UncompressedPageSize = r.ReadI32(); seen |= 2; break;
                case 3 when type == CompactType.I32: h.CompressedPageSize = r.ReadI32(); seen |= 4; break;
                case 4 when type == CompactType.I32: h.Crc = r.ReadI32(); break;
                case 5 when type == CompactType.Struct: h.DataPageHeader = DataPageHeader.Read(r); break;
                case 7 when type == CompactType.Struct: h.DictionaryPageHeader = DictionaryPageHeader.Read(r); break;
                case 8 when type == CompactType.Struct: h.DataPageHeaderV2 = DataPageHeaderV2.Read(r); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        if (seen != 7)
        {
            throw r.Fail("PageHeader misses type, uncompressed_page_size or compressed_page_size");
        }

        if (h.UncompressedPageSize < 0 || h.CompressedPageSize < 0)
        {
            throw r.Fail("PageHeader has a negative page size");
        }

        return h;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, (int)Type);
        w.WriteI32Field(2, UncompressedPageSize);
        w.WriteI32Field(3, CompressedPageSize);
        if (Crc is { } crc)
        {
            w.WriteI32Field(4, crc);
        }

        if (DataPageHeader is not null)
        {
            w.WriteStructFieldHeader(5);
            DataPageHeader.Write(w);
        }

        if (DictionaryPageHeader is not null)
        {
            w.WriteStructFieldHeader(7);
            DictionaryPageHeader.Write(w);
        }

        if (DataPageHeaderV2 is not null)
        {
            w.WriteStructFieldHeader(8);
            DataPageHeaderV2.Write(w);
        }

        w.EndStruct();
    }
}
