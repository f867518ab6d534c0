using System.Globalization;
using System.Numerics;
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
            return Fold(longs, data);
        }

        if (data.Int32Values is { } ints)
        {
            return Fold(ints, data);
        }

        if (data.DoubleValues is { } doubles)
        {
            return Fold(doubles, data);
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

    private static (object? Min, object? Max) Fold<T>(T[] values, ColumnData data)
        where T : struct, INumber<T>
    {
        var any = false;
        T min = default;
        T max = default;
        var validity = data.Validity;
        var count = Math.Min(values.Length, data.ValueCount);
        for (var i = 0; i < count; i++)
        {
            var v = values[i];

            // Nulls and NaN take no part in ordering statistics.
            if ((validity is not null && !validity[i]) || T.IsNaN(v))
            {
                continue;
            }

            if (!any)
            {
                (min, max, any) = (v, v, true);
            }
            else if (v < min)
            {
                min = v;
            }
            else if (v > max)
            {
                max = v;
            }
        }

        return any ? (min, max) : (null, null);
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
