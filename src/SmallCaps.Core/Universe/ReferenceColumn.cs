using NodaTime;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Universe;

/// <summary>A nullable column of a small reference table and how to take its value from a row.</summary>
internal sealed record ReferenceColumn<T>(ColumnSpec Spec, Action<ColumnBuffer, T> Append)
{
    public static ReferenceColumn<T> String(string name, Func<T, string?> value, bool dictionary = false) =>
        new(ColumnSpec.String(name, nullable: true, dictionary: dictionary), (b, row) =>
        {
            if (value(row) is { } v)
            {
                ((StringColumnBuffer)b).Append(v);
            }
            else
            {
                b.AppendNull();
            }
        });

    public static ReferenceColumn<T> Double(string name, Func<T, double?> value) =>
        new(new ColumnSpec(name, ColumnType.Double, Nullable: true), (b, row) =>
        {
            if (value(row) is { } v)
            {
                ((DoubleColumnBuffer)b).Append(v);
            }
            else
            {
                b.AppendNull();
            }
        });

    public static ReferenceColumn<T> Int64(string name, Func<T, long?> value) =>
        new(new ColumnSpec(name, ColumnType.Int64, Nullable: true), (b, row) =>
        {
            if (value(row) is { } v)
            {
                ((Int64ColumnBuffer)b).Append(v);
            }
            else
            {
                b.AppendNull();
            }
        });

    public static ReferenceColumn<T> Boolean(string name, Func<T, bool?> value) =>
        new(new ColumnSpec(name, ColumnType.Boolean, Nullable: true), (b, row) =>
        {
            if (value(row) is { } v)
            {
                ((BooleanColumnBuffer)b).Append(v);
            }
            else
            {
                b.AppendNull();
            }
        });

    public static ReferenceColumn<T> Date(string name, Func<T, LocalDate?> value) =>
        new(new ColumnSpec(name, ColumnType.Date, Nullable: true), (b, row) =>
        {
            if (value(row) is { } v)
            {
                ((Int32ColumnBuffer)b).Append(ReferenceDates.ToEpochDay(v));
            }
            else
            {
                b.AppendNull();
            }
        });
}
