namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift RowGroup: a horizontal slice of the file, one chunk per leaf column.</summary>
internal sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; set; } = [];

    public long TotalByteSize { get; set; }

    public long NumRows { get; set; }

    public long? FileOffset { get; set; }

    public long? TotalCompressedSize { get; set; }

    public short? Ordinal { get; set; }

    public static RowGroup Read(CompactReader r)
    {
        var g = new RowGroup();
        var seen = 0;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.List: g.Columns = r.ReadList(CompactType.Struct, ColumnChunk.Read); seen |= 1; break;
                case 2 when type == CompactType.I64: g.TotalByteSize = r.ReadI64(); break;
                case 3 when type == CompactType.I64: g.NumRows = r.ReadI64(); seen |= 2; break;
                case 5 when type == CompactType.I64: g.FileOffset = r.ReadI64(); break;
                case 6 when type == CompactType.I64: g.TotalCompressedSize = r.ReadI64(); break;
                case 7 when type == CompactType.I16: g.Ordinal = ReadOrdinal(r); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        return seen == 3 ? g : throw r.Fail("RowGroup misses columns or num_rows");
    }

    private static short ReadOrdinal(CompactReader r)
    {
        var v = r.ReadI32();
        return v is >= short.MinValue and <= short.MaxValue ? (short)v : throw r.Fail("row group ordinal out of range");
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteListFieldHeader(1, CompactType.Struct, Columns.Count);
        foreach (var c in Columns)
        {
            c.Write(w);
        }

        w.WriteI64Field(2, TotalByteSize);
        w.WriteI64Field(3, NumRows);
        if (FileOffset is { } fo)
        {
            w.WriteI64Field(5, fo);
        }

        if (TotalCompressedSize is { } tcs)
        {
            w.WriteI64Field(6, tcs);
        }

        if (Ordinal is { } ord)
        {
            w.WriteI16Field(7, ord);
        }

        w.EndStruct();
    }
}
