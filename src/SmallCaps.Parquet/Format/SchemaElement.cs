namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift SchemaElement: one node of the depth-first flattened schema tree.</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }

    public int? TypeLength { get; set; }

    public FieldRepetitionType? RepetitionType { get; set; }

    public string Name { get; set; } = string.Empty;

    public int? NumChildren { get; set; }

    public ConvertedType? ConvertedType { get; set; }

    public int? Scale { get; set; }

    public int? Precision { get; set; }

    public int? FieldId { get; set; }

    public LogicalType? LogicalType { get; set; }

    public static SchemaElement Read(CompactReader r)
    {
        var e = new SchemaElement();
        var hasName = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: e.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when type == CompactType.I32: e.TypeLength = r.ReadI32(); break;
                case 3 when type == CompactType.I32: e.RepetitionType = (FieldRepetitionType)r.ReadI32(); break;
                case 4 when type == CompactType.Binary: e.Name = r.ReadString(); hasName = true; break;
                case 5 when type == CompactType.I32: e.NumChildren = r.ReadI32(); break;
                case 6 when type == CompactType.I32: e.ConvertedType = (ConvertedType)r.ReadI32(); break;
                case 7 when type == CompactType.I32: e.Scale = r.ReadI32(); break;
                case 8 when type == CompactType.I32: e.Precision = r.ReadI32(); break;
                case 9 when type == CompactType.I32: e.FieldId = r.ReadI32(); break;
                case 10 when type == CompactType.Struct: e.LogicalType = LogicalType.Read(r); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        return hasName ? e : throw r.Fail("SchemaElement without name");
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (Type is { } t)
        {
            w.WriteI32Field(1, (int)t);
        }

        if (TypeLength is { } len)
        {
            w.WriteI32Field(2, len);
        }

        if (RepetitionType is { } rep)
        {
            w.WriteI32Field(3, (int)rep);
        }

        w.WriteStringField(4, Name);
        if (NumChildren is { } n)
        {
            w.WriteI32Field(5, n);
        }

        if (ConvertedType is { } ct)
        {
            w.WriteI32Field(6, (int)ct);
        }

        if (Scale is { } scale)
        {
            w.WriteI32Field(7, scale);
        }

        if (Precision is { } precision)
        {
            w.WriteI32Field(8, precision);
        }

        if (FieldId is { } fid)
        {
            w.WriteI32Field(9, fid);
        }

        if (LogicalType is not null)
        {
            w.WriteStructFieldHeader(10);
            LogicalType.Write(w);
        }

        w.EndStruct();
    }
}
