using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Bench.Parquet;

/// <summary>`bar-files --phases`: times the encoder's building blocks on one file's columns, page by page, in ns per value (best of 30).</summary>
internal static class BarPhaseTimings
{
    private const int PageRows = 8192;

    public static void Run(BarFileData data)
    {
        var indices = new int[PageRows];
        using var output = new ByteBuffer(1 << 17);
        using var compressed = new ByteBuffer(1 << 17);
        Console.WriteLine("  phases (ns per value, one 200K-row file, 8,192-value pages):");
        foreach (var (name, values) in new[] { ("o", data.Open), ("v", data.Volume), ("vw", data.Vwap) })
        {
            var dictionary = new NumericDictionaryBuilder<double>();
            Time($"{name} dictionary map", values.Length, () =>
            {
                dictionary.Clear();
                for (var from = 0; from + PageRows <= values.Length; from += PageRows)
                {
                    if (from % 65_536 == 0)
                    {
                        dictionary.Clear();
                    }

                    dictionary.Map(values.AsSpan(from, PageRows), indices);
                }
            });
            var width = Math.Max(1, RleHybridEncoder.BitWidth((uint)(dictionary.Count - 1)));
            Time($"{name} RLE indices (w={width})", values.Length, () =>
            {
                for (var from = 0; from + PageRows <= values.Length; from += PageRows)
                {
                    output.Clear();
                    RleHybridEncoder.Encode<int>(indices, width, output);
                }
            });
            long plainBytes = 0, splitBytes = 0;
            Time($"{name} snappy PLAIN page", values.Length, () =>
            {
                plainBytes = 0;
                for (var from = 0; from + PageRows <= values.Length; from += PageRows)
                {
                    compressed.Clear();
                    SnappyBlockEncoder.Compress(MemoryMarshal.AsBytes(values.AsSpan(from, PageRows)), compressed);
                    plainBytes += compressed.Length;
                }
            });
            var split = new byte[PageRows * 8];
            Time($"{name} split+snappy page", values.Length, () =>
            {
                splitBytes = 0;
                for (var from = 0; from + PageRows <= values.Length; from += PageRows)
                {
                    var bytes = MemoryMarshal.AsBytes(values.AsSpan(from, PageRows));
                    for (var i = 0; i < PageRows; i++)
                    {
                        for (var b = 0; b < 8; b++)
                        {
                            split[(b * PageRows) + i] = bytes[(i * 8) + b];
                        }
                    }

                    compressed.Clear();
                    SnappyBlockEncoder.Compress(split, compressed);
                    splitBytes += compressed.Length;
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {name} bytes/value: PLAIN+snappy {plainBytes / (double)values.Length:F2}, split+snappy {splitBytes / (double)values.Length:F2}"));
        }

        var defined = new byte[PageRows];
        Array.Fill(defined, (byte)1);
        defined[100] = 0;
        Time("levels (1 null per page)", data.Rows, () =>
        {
            for (var from = 0; from + PageRows <= data.Rows; from += PageRows)
            {
                output.Clear();
                RleHybridEncoder.Encode<byte>(defined, 1, output);
            }
        });
        Time("session_date snappy PLAIN page", data.Rows, () =>
        {
            for (var from = 0; from + PageRows <= data.Rows; from += PageRows)
            {
                compressed.Clear();
                SnappyBlockEncoder.Compress(MemoryMarshal.AsBytes(data.SessionDate.AsSpan(from, PageRows)), compressed);
            }
        });
        Time("session_date delta page", data.Rows, () =>
        {
            for (var from = 0; from + PageRows <= data.Rows; from += PageRows)
            {
                output.Clear();
                DeltaBinaryPackedEncoder.Encode(data.SessionDate.AsSpan(from, PageRows), output);
            }
        });
        Time("t delta page", data.Rows, () =>
        {
            for (var from = 0; from + PageRows <= data.Rows; from += PageRows)
            {
                output.Clear();
                DeltaBinaryPackedEncoder.Encode(data.Time.AsSpan(from, PageRows), output);
            }
        });
        Time("t delta+snappy page", data.Rows, () =>
        {
            for (var from = 0; from + PageRows <= data.Rows; from += PageRows)
            {
                output.Clear();
                DeltaBinaryPackedEncoder.Encode(data.Time.AsSpan(from, PageRows), output);
                compressed.Clear();
                SnappyBlockEncoder.Compress(output.WrittenSpan, compressed);
            }
        });
        Time("t snappy PLAIN page", data.Rows, () =>
        {
            for (var from = 0; from + PageRows <= data.Rows; from += PageRows)
            {
                compressed.Clear();
                SnappyBlockEncoder.Compress(MemoryMarshal.AsBytes(data.Time.AsSpan(from, PageRows)), compressed);
            }
        });
    }

    private static void Time(string label, int values, Action action)
    {
        // Minimum of many runs: the machine is shared, and the minimum is what the code costs undisturbed.
        action();
        var best = double.MaxValue;
        for (var r = 0; r < 30; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalNanoseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {label,-32} {best / values:F2}"));
    }
}
