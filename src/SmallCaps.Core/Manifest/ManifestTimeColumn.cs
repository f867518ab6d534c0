using System.Globalization;
using SmallCaps.Core.Input;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Manifest;

/// <summary>
/// A Parquet manifest's <c>start_ns</c>/<c>end_ns</c> column: plain INT64 Unix nanoseconds, or a TIMESTAMP of any unit
/// (polars writes microseconds by default, DuckDB's TIMESTAMPTZ too) read by its declared unit as a Unix instant.
/// </summary>
internal sealed class ManifestTimeColumn
{
    private readonly long[] _values;
    private readonly long _nanosPerUnit;
    private readonly string _unit;

    private ManifestTimeColumn(string name, long[] values, long nanosPerUnit, string unit)
    {
        Name = name;
        _values = values;
        _nanosPerUnit = nanosPerUnit;
        _unit = unit;
    }

    /// <summary>The column's name, for messages.</summary>
    public string Name { get; }

    /// <summary>The column, or null when it is not INT64 (then the caller says which types it takes).</summary>
    public static ManifestTimeColumn? Open(ParquetFileReader reader, string name, int index)
    {
        var column = reader.Columns[index];
        if (reader.ReadColumn(name, default).Int64Values is not { } values)
        {
            return null;
        }

        var logical = column.LogicalType ?? string.Empty;
        var converted = column.ConvertedType ?? string.Empty;
        var timestamp = logical.StartsWith("TIMESTAMP(", StringComparison.Ordinal);
        return timestamp && logical.Contains("MILLIS", StringComparison.Ordinal) || converted == "TIMESTAMP_MILLIS" ? new(name, values, 1_000_000L, "milliseconds")
            : timestamp && logical.Contains("MICROS", StringComparison.Ordinal) || converted == "TIMESTAMP_MICROS" ? new(name, values, 1_000L, "microseconds")
            : new(name, values, 1L, "nanoseconds");
    }

    /// <summary>Row <paramref name="row"/> in Unix nanoseconds; throws <see cref="InputException"/> when it does not fit.</summary>
    public long Nanoseconds(int row, string where)
    {
        var value = _values[row];
        return value != long.MinValue && Math.Abs(value) <= long.MaxValue / _nanosPerUnit
            ? value * _nanosPerUnit
            : throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{where}: {Name} {value} ({_unit}) is out of range in nanoseconds"));
    }
}
