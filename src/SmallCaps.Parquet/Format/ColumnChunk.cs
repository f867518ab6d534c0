namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift ColumnChunk: one column of one row group.</summary>
internal sealed class ColumnChunk
{
    public string? FilePath { get; set; }

    /// <summary>Deprecated by the spec; written as the chunk's first byte.</summary>
    public long FileOffset { get; set; }

    public ColumnMetaData? MetaData { get; set; }

    public long? OffsetIndexOffset { get; set; }

    public int? OffsetIndexLength { get; set; }

    public long? ColumnIndexOffset { get; set; }

    public int? ColumnIndexLength { get; set; }

    public static ColumnChunk Read(CompactReader r)
    {
        var c = new ColumnChunk();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: c.FilePath = r.ReadString(); break;
                case 2 when type == CompactType.I64: c.FileOffset = r.ReadI64(); break;
                case 3 when type == CompactType.Struct: c.MetaData = ColumnMetaData.Read(r); break;
                case 4 when type == CompactType.I64: c.OffsetIndexOffset = r.ReadI64(); break;
                case 5 when type == CompactType.I32: c.OffsetIndexLength = r.ReadI32(); break;
                case 6 when type == CompactType.I64: c.ColumnIndexOffset = r.ReadI64(); break;
                case 7 when type == CompactType.I32: c.ColumnIndexLength = r.ReadI32(); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        return c;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (FilePath is not null)
        {
            w.WriteStringField(1, FilePath);
        }

        w.WriteI64Field(2, FileOffset);
        if (MetaData is not null)
        {
            w.WriteStructFieldHeader(3);
            MetaData.Write(w);
        }

        if (OffsetIndexOffset is { } oio)
        {
            w.WriteI64Field(4, oio);
        }

        if (OffsetIndexLength is { } oil)
        {
            w.WriteI32Field(5, oil);
        }

        if (ColumnIndexOffset is { } cio)
        {
            w.WriteI64Field(6, cio);
        }

        if (ColumnIndexLength is { } cil)
        {
            w.WriteI32Field(7, cil);
        }

        w.EndStruct();
    }
}
