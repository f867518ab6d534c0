namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift ColumnOrder union; only TYPE_ORDER (field 1) is defined.</summary>
internal sealed class ColumnOrder
{
    /// <summary>True when the union holds TYPE_ORDER (min/max follow the type's natural order).</summary>
    public bool IsTypeOrder { get; set; } = true;

    public static ColumnOrder Read(CompactReader r)
    {
        var o = new ColumnOrder { IsTypeOrder = false };
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            if (id == 1 && type == CompactType.Struct)
            {
                o.IsTypeOrder = true;
            }

            r.Skip(type);
        }

        r.EndStruct();
        return o;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (IsTypeOrder)
        {
            w.WriteEmptyStructField(1);
        }

        w.EndStruct();
    }
}
