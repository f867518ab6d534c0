using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Bench.Parquet;

/// <summary>
/// `bar-files --encoder-phases`: per data set, the writer's building blocks on that file's real page shapes (ns per row, best
/// of 20, 8,192-row pages, the dictionary reset every 65,536 rows) and what Snappy makes of each page kind (bytes in, out).
/// </summary>
internal static class BarEncoderPhases
{
    private const int PageRows = 8192;
    private const int GroupRows = 65_536;

    // The first pass is not printed: it brings every building block to optimised code, else the first data set's figures were tier-0 ones.
    private static bool _quiet;

    public static void Run(BarFileData[] data)
    {
        _quiet = true;
        Pass(data);
        _quiet = false;
        Console.WriteLine("  encoder phases (ns per row; snappy: raw -> compressed bytes per row)");
        Pass(data);
    }

    private static void Pass(BarFileData[] data)
    {
        foreach (var d in data)
        {
            if (!_quiet)
            {
                Console.WriteLine($"   {d.Ticker}");
            }

            Dictionary(d, "o", d.Open);
            Dictionary(d, "vw", d.Vwap);
            Plain8(d, "vw", MemoryMarshal.AsBytes(d.Vwap.AsSpan()));
            Delta(d);
            Split(d);
        }
    }

    private static void Dictionary(BarFileData d, string name, double[] values)
    {
        var pages = values.Length / PageRows;
        var indices = new int[pages * PageRows];
        var widths = new int[pages];
        var dictionary = new NumericDictionaryBuilder<double>();
        Time($"{name} dictionary map", values.Length, () =>
        {
            for (var p = 0; p < pages; p++)
            {
                if (p * PageRows % GroupRows == 0)
                {
                    dictionary.Clear();
                }

                dictionary.Map(values.AsSpan(p * PageRows, PageRows), indices.AsSpan(p * PageRows, PageRows));
                widths[p] = Math.Max(1, RleHybridEncoder.BitWidth((uint)(dictionary.Count - 1)));
            }
        });
        using var output = new ByteBuffer(1 << 18);
        using var compressed = new ByteBuffer(1 << 18);
        Time($"{name} RLE indices", values.Length, () =>
        {
            for (var p = 0; p < pages; p++)
            {
                output.Clear();
                RleHybridEncoder.Encode<int>(indices.AsSpan(p * PageRows, PageRows), widths[p], output);
            }
        });
        long raw = 0, packed = 0;
        Time($"{name} RLE+snappy indices", values.Length, () =>
        {
            raw = 0;
            packed = 0;
            for (var p = 0; p < pages; p++)
            {
                output.Clear();
                RleHybridEncoder.Encode<int>(indices.AsSpan(p * PageRows, PageRows), widths[p], output);
                compressed.Clear();
                SnappyBlockEncoder.Compress(output.WrittenSpan, compressed);
                raw += output.Length;
                packed += compressed.Length;
            }
        }, raw: () => raw, packed: () => packed);
        var encoded = new byte[pages][];
        for (var p = 0; p < pages; p++)
        {
            output.Clear();
            RleHybridEncoder.Encode<int>(indices.AsSpan(p * PageRows, PageRows), widths[p], output);
            encoded[p] = output.WrittenSpan.ToArray();
        }

        Time($"{name} snappy indices", values.Length, () =>
        {
            foreach (var page in encoded)
            {
                compressed.Clear();
                SnappyBlockEncoder.Compress(page, compressed);
            }
        });
    }

    private static void Plain8(BarFileData d, string name, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        using var compressed = new ByteBuffer(1 << 18);
        long packed = 0;
        Time($"{name} PLAIN snappy values8", copy.Length / 8, () =>
        {
            packed = 0;
            for (var at = 0; at + (PageRows * 8) <= copy.Length; at += PageRows * 8)
            {
                compressed.Clear();
                SnappyBlockEncoder.CompressValues8(copy.AsSpan(at, PageRows * 8), 0, compressed);
                packed += compressed.Length;
            }
        }, raw: () => copy.Length / (PageRows * 8) * PageRows * 8, packed: () => packed);
    }

    private static void Delta(BarFileData d)
    {
        using var output = new ByteBuffer(1 << 18);
        using var compressed = new ByteBuffer(1 << 18);
        Time("t delta", d.Rows, () =>
        {
            for (var from = 0; from + PageRows <= d.Rows; from += PageRows)
            {
                output.Clear();
                DeltaBinaryPackedEncoder.Encode(d.Time.AsSpan(from, PageRows), output);
            }
        });
        long raw = 0, packed = 0;
        Time("t delta+snappy", d.Rows, () =>
        {
            raw = 0;
            packed = 0;
            for (var from = 0; from + PageRows <= d.Rows; from += PageRows)
            {
                output.Clear();
                DeltaBinaryPackedEncoder.Encode(d.Time.AsSpan(from, PageRows), output);
                compressed.Clear();
                SnappyBlockEncoder.Compress(output.WrittenSpan, compressed);
                raw += output.Length;
                packed += compressed.Length;
            }
        }, raw: () => raw, packed: () => packed);
    }

    private static void Split(BarFileData d)
    {
        using var output = new ByteBuffer(1 << 18);
        using var compressed = new ByteBuffer(1 << 18);
        long raw = 0, packed = 0;
        Time("v split+snappy", d.Rows, () =>
        {
            raw = 0;
            packed = 0;
            for (var from = 0; from + PageRows <= d.Rows; from += PageRows)
            {
                output.Clear();
                ByteStreamSplitEncoder.Encode(d.Volume.AsSpan(from, PageRows), output);
                compressed.Clear();
                SnappyBlockEncoder.Compress(output.WrittenSpan, compressed);
                raw += output.Length;
                packed += compressed.Length;
            }
        }, raw: () => raw, packed: () => packed);
    }

    private static void Time(string label, int rows, Action action, Func<long>? raw = null, Func<long>? packed = null)
    {
        action();
        var best = double.MaxValue;
        for (var r = 0; r < 20; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalNanoseconds);
        }

        if (_quiet)
        {
            return;
        }

        var sizes = raw is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"  {raw() / (double)rows:F2} -> {packed!() / (double)rows:F2} B/row");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {label,-26} {best / rows,6:F2}{sizes}"));
    }
}
