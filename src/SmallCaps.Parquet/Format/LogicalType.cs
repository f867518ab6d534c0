namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift LogicalType union, flattened: <see cref="Kind"/> plus the parameters of that kind.</summary>
internal sealed class LogicalType
{
    public LogicalTypeKind Kind { get; set; }

    /// <summary>Field id of an unrecognised union member (when <see cref="Kind"/> is Other).</summary>
    public short OtherId { get; set; }

    /// <summary>TIME and TIMESTAMP.</summary>
    public bool IsAdjustedToUtc { get; set; }

    /// <summary>TIME and TIMESTAMP.</summary>
    public TimeUnit Unit { get; set; }

    /// <summary>INTEGER: 8, 16, 32 or 64.</summary>
    public int BitWidth { get; set; }

    /// <summary>INTEGER.</summary>
    public bool IsSigned { get; set; }

    /// <summary>DECIMAL.</summary>
    public int Scale { get; set; }

    /// <summary>DECIMAL.</summary>
    public int Precision { get; set; }

    public static LogicalType Timestamp(TimeUnit unit, bool isAdjustedToUtc = true) => new() { Kind = LogicalTypeKind.Timestamp, Unit = unit, IsAdjustedToUtc = isAdjustedToUtc };

    public static LogicalType Of(LogicalTypeKind kind) => new() { Kind = kind };

    public static LogicalType Read(CompactReader r)
    {
        var lt = new LogicalType();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            if (type != CompactType.Struct)
            {
                r.Skip(type);
                continue;
            }

            switch (id)
            {
                case 7:
                case 8:
                    lt.Kind = (LogicalTypeKind)id;
                    ReadTimeLike(r, lt);
                    break;
                case 10:
                    lt.Kind = LogicalTypeKind.Integer;
                    ReadInteger(r, lt);
                    break;
                case 5:
                    lt.Kind = LogicalTypeKind.Decimal;
                    ReadDecimal(r, lt);
                    break;
                case >= 1 and <= 18 and not 9:
                    lt.Kind = (LogicalTypeKind)id;
                    r.Skip(type);
                    break;
                default:
                    lt.Kind = LogicalTypeKind.Other;
                    lt.OtherId = id;
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        return lt;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        switch (Kind)
        {
            case LogicalTypeKind.Time:
            case LogicalTypeKind.Timestamp:
                w.WriteStructFieldHeader((short)Kind);
                w.BeginStruct();
                w.WriteBoolField(1, IsAdjustedToUtc);
                w.WriteStructFieldHeader(2);
                w.BeginStruct();
                w.WriteEmptyStructField(Unit switch { TimeUnit.Millis => 1, TimeUnit.Micros => 2, _ => 3 });
                w.EndStruct();
                w.EndStruct();
                break;
            case LogicalTypeKind.Integer:
                w.WriteStructFieldHeader(10);
                w.BeginStruct();
                w.WriteByteField(1, checked((sbyte)BitWidth));
                w.WriteBoolField(2, IsSigned);
                w.EndStruct();
                break;
            case LogicalTypeKind.Decimal:
                w.WriteStructFieldHeader(5);
                w.BeginStruct();
                w.WriteI32Field(1, Scale);
                w.WriteI32Field(2, Precision);
                w.EndStruct();
                break;
            case LogicalTypeKind.Other:
                throw new InvalidOperationException("Cannot write an unrecognised logical type.");
            default:
                w.WriteEmptyStructField((short)Kind);
                break;
        }

        w.EndStruct();
    }

    private static void ReadTimeLike(CompactReader r, LogicalType lt)
    {
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when CompactReader.IsBool(type): lt.IsAdjustedToUtc = type == CompactType.BooleanTrue; break;
                case 2 when type == CompactType.Struct: lt.Unit = ReadUnit(r); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
    }

    private static TimeUnit ReadUnit(CompactReader r)
    {
        var unit = TimeUnit.Millis;
        var seen = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            if (type == CompactType.Struct && id is >= 1 and <= 3)
            {
                unit = id switch { 1 => TimeUnit.Millis, 2 => TimeUnit.Micros, _ => TimeUnit.Nanos };
                seen = true;
            }

            r.Skip(type);
        }

        r.EndStruct();
        return seen ? unit : throw r.Fail("time unit union has no known member");
    }

    private static void ReadInteger(CompactReader r, LogicalType lt)
    {
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Byte: lt.BitWidth = r.ReadByte(); break;
                case 2 when CompactReader.IsBool(type): lt.IsSigned = type == CompactType.BooleanTrue; break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
    }

    private static void ReadDecimal(CompactReader r, LogicalType lt)
    {
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: lt.Scale = r.ReadI32(); break;
                case 2 when type == CompactType.I32: lt.Precision = r.ReadI32(); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
    }
}
