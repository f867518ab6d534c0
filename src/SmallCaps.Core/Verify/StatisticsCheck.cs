using System.Globalization;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Verify;

/// <summary>Compares a column chunk's footer statistics with the values actually stored.</summary>
internal static class StatisticsCheck
{
    /// <summary>Null when consistent, else a one-line reason.</summary>
    public static string? Problem(ParquetColumnChunkInfo chunk, ColumnData data)
    {
        var stats = chunk.Statistics;
        if (stats is null)
        {
            return null;
        }

        var nulls = 0L;
        if (data.Validity is { } validity)
        {
            foreach (var present in validity)
            {
                nulls += present ? 0 : 1;
            }
        }

        if (stats.NullCount is { } recordedNulls && recordedNulls != nulls)
        {
            return Say(chunk, $"null_count {recordedNulls} but {nulls} nulls stored");
        }

        var (min, max) = Extremes(data);
        if (min is null || max is null)
        {
            return null;
        }

        if (stats.Min is { } recordedMin && !Same(recordedMin, min))
        {
            return Say(chunk, $"min {Format(recordedMin)} but the smallest value is {Format(min)}");
        }

        if (stats.Max is { } recordedMax && !Same(recordedMax, max))
        {
            return Say(chunk, $"max {Format(recordedMax)} but the largest value is {Format(max)}");
        }

        return null;
    }

    private static (object? Min, object? Max) Extremes(ColumnData data)
    {
        if (data.Int64Values is { } longs)
        {
            return Fold(longs, data, (a, b) => a < b);
        }

        if (data.Int32Values is { } ints)
        {
            return Fold(ints, data, (a, b) => a < b);
        }

        if (data.DoubleValues is { } doubles)
        {
            // NaN takes no part in ordering statistics.
            return Fold(doubles, data, (a, b) => a < b, v => !double.IsNaN(v));
        }

        if (data.BinaryValues is not null && data.Column.LogicalType == "STRING")
        {
            object? min = null;
            object? max = null;
            for (var i = 0; i < data.ValueCount; i++)
            {
                var s = data.GetString(i);
                if (s is null)
                {
                    continue;
                }

                if (min is null || string.CompareOrdinal(s, (string)min) < 0)
                {
                    min = s;
                }

                if (max is null || string.CompareOrdinal(s, (string)max) > 0)
                {
                    max = s;
                }
            }

            return (min, max);
        }

        return (null, null);
    }

    private static (object? Min, object? Max) Fold<T>(T[] values, ColumnData data, Func<T, T, bool> less, Func<T, bool>? usable = null)
        where T : struct
    {
        T? min = null;
        T? max = null;
        for (var i = 0; i < values.Length && i < data.ValueCount; i++)
        {
            if (data.IsNull(i) || (usable is not null && !usable(values[i])))
            {
                continue;
            }

            var v = values[i];
            if (min is null || less(v, min.Value))
            {
                min = v;
            }

            if (max is null || less(max.Value, v))
            {
                max = v;
            }
        }

        return (min, max);
    }

    private static bool Same(object recorded, object actual) => (recorded, actual) switch
    {
        (long a, long b) => a == b,
        (int a, int b) => a == b,
        (double a, double b) => a.Equals(b) || (a == 0 && b == 0),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        _ => true, // another physical representation: not ours to judge
    };

    private static string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Say(ParquetColumnChunkInfo chunk, string problem) =>
        $"column '{chunk.Column.Path}': statistics say {problem}";
}
