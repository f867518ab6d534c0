using SmallCaps.Core.Lake;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Tests.Ingest;

/// <summary>Reads back every published bar file of a ticker, in file-name order, with our reader.</summary>
internal static class LakeRows
{
    public sealed record Row(string Ticker, long T, int SessionDay, double O, double H, double L, double C, double V, double? Vw, long? N, bool Otc);

    public static List<Row> Read(string outdir, BarDataset dataset, string ticker)
    {
        var folder = Path.Combine(outdir, dataset.Name, $"ticker={ticker}");
        var rows = new List<Row>();
        if (!Directory.Exists(folder))
        {
            return rows;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = ParquetFileReader.Open(file);
            var tk = reader.ReadColumn("ticker", default);
            var t = reader.ReadColumn("t", default).Int64Values!;
            var sd = reader.ReadColumn("session_date", default).Int32Values!;
            var o = reader.ReadColumn("o", default).DoubleValues!;
            var h = reader.ReadColumn("h", default).DoubleValues!;
            var l = reader.ReadColumn("l", default).DoubleValues!;
            var c = reader.ReadColumn("c", default).DoubleValues!;
            var v = reader.ReadColumn("v", default).DoubleValues!;
            var vw = reader.ReadColumn("vw", default);
            var n = reader.ReadColumn("n", default);
            var otc = reader.ReadColumn("otc", default).BooleanValues!;
            for (var i = 0; i < t.Length; i++)
            {
                rows.Add(new Row(
                    tk.GetString(i)!,
                    t[i],
                    sd[i],
                    o[i],
                    h[i],
                    l[i],
                    c[i],
                    v[i],
                    vw.IsNull(i) ? null : vw.DoubleValues![i],
                    n.IsNull(i) ? null : n.Int64Values![i],
                    otc[i]));
            }
        }

        return rows;
    }

    public static IEnumerable<string> TempFiles(string outdir) =>
        Directory.Exists(outdir) ? Directory.EnumerateFiles(outdir, "*.tmp", SearchOption.AllDirectories) : [];
}
