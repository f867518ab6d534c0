namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift Statistics of a column chunk or page; bounds are PLAIN-encoded values.</summary>
internal sealed class Statistics
{
    /// <summary>Deprecated signed-order maximum (field 1); read for old files, never written.</summary>
    public byte[]? LegacyMax { get; set; }

    /// <summary>Deprecated signed-order minimum (field 2).</summary>
    public byte[]? LegacyMin { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }

    public bool? IsMaxValueExact { get; set; }

    public bool? IsMinValueExact { get; set; }

    public long? NanCount { get; set; }

    public static Statistics Read(CompactReader r)
    {
        var s = new Statistics();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: s.LegacyMax = r.ReadBinary(); break;
                case 2 when type == CompactType.Binary: s.LegacyMin = r.ReadBinary(); break;
                case 3 when type == CompactType.I64: s.NullCount = r.ReadI64(); break;
                case 4 when type == CompactType.I64: s.DistinctCount = r.ReadI64(); break;
                case 5 when type == CompactType.Binary: s.MaxValue = r.ReadBinary(); break;
                case 6 when type == CompactType.Binary: s.MinValue = r.ReadBinary(); break;
                case 7 when CompactReader.IsBool(type): s.IsMaxValueExact = type == CompactType.BooleanTrue; break;
                case 8 when CompactReader.IsBool(type): s.IsMinValueExact = type == CompactType.BooleanTrue; break;
                case 9 when type == CompactType.I64: s.NanCount = r.ReadI64(); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        return s;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (LegacyMax is not null)
        {
            w.WriteBinaryField(1, LegacyMax);
        }

        if (LegacyMin is not null)
        {
            w.WriteBinaryField(2, LegacyMin);
        }

        if (NullCount is { } nc)
        {
            w.WriteI64Field(3, nc);
        }

        if (DistinctCount is { } dc)
        {
            w.WriteI64Field(4, dc);
        }

        if (MaxValue is not null)
        {
            w.WriteBinaryField(5, MaxValue);
        }

        if (MinValue is not null)
        {
            w.WriteBinaryField(6, MinValue);
        }

        if (IsMaxValueExact is { } maxExact)
        {
            w.WriteBoolField(7, maxExact);
        }

        if (IsMinValueExact is { } minExact)
        {
            w.WriteBoolField(8, minExact);
        }

        if (NanCount is { } nan)
        {
            w.WriteI64Field(9, nan);
        }

        w.EndStruct();
    }
}
