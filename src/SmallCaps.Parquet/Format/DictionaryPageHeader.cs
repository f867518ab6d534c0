namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift DictionaryPageHeader.</summary>
internal sealed class DictionaryPageHeader
{
    public int NumValues { get; set; }

    public ParquetEncoding Encoding { get; set; } = ParquetEncoding.Plain;

    public bool? IsSorted { get; set; }

    public static DictionaryPageHeader Read(CompactReader r)
    {
        var h = new DictionaryPageHeader();
        var seen = 0;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); seen |= 2; break;
                case 3 when CompactReader.IsBool(type): h.IsSorted = type == CompactType.BooleanTrue; break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        return seen == 3 && h.NumValues >= 0 ? h : throw r.Fail("DictionaryPageHeader misses num_values or encoding, or num_values is negative");
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, NumValues);
        w.WriteI32Field(2, (int)Encoding);
        if (IsSorted is { } sorted)
        {
            w.WriteBoolField(3, sorted);
        }

        w.EndStruct();
    }
}
