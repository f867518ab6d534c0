using System.Security.Cryptography;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Verify;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Tests.Verify;

/// <summary>Corrupts a test lake the ways users meet: bytes, files, bars, ledger rows.</summary>
internal static class LakeSurgery
{
    public sealed record Bar(string Ticker, long T, int SessionDay, double O, double H, double L, double C, double V, double? Vw, long? N, bool Otc);

    public static IReadOnlyList<LedgerEntry> Tasks(string outdir) => LedgerView.ReadTasks(LedgerView.DatabasePath(outdir));

    public static LedgerEntry FirstDone(string outdir, string dataset, string? ticker = null) =>
        Tasks(outdir).First(e => e.IsDone && e.Dataset == dataset && (ticker is null || e.Ticker == ticker));

    public static string Full(string outdir, LedgerEntry e) => LakeLayoutView.Full(outdir, e.FilePath!);

    public static void FlipByte(string path, long offset)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        fs.Position = offset;
        var b = fs.ReadByte();
        fs.Position = offset;
        fs.WriteByte((byte)(b ^ 0x5A));
    }

    public static List<Bar> Read(string path)
    {
        using var r = ParquetFileReader.Open(path);
        var tk = r.ReadColumn("ticker");
        var t = r.ReadColumn("t").Int64Values!;
        var sd = r.ReadColumn("session_date").Int32Values!;
        var o = r.ReadColumn("o").DoubleValues!;
        var h = r.ReadColumn("h").DoubleValues!;
        var l = r.ReadColumn("l").DoubleValues!;
        var c = r.ReadColumn("c").DoubleValues!;
        var v = r.ReadColumn("v").DoubleValues!;
        var vw = r.ReadColumn("vw");
        var n = r.ReadColumn("n");
        var otc = r.ReadColumn("otc").BooleanValues!;
        return Enumerable.Range(0, t.Length)
            .Select(i => new Bar(tk.GetString(i)!, t[i], sd[i], o[i], h[i], l[i], c[i], v[i], vw.IsNull(i) ? null : vw.DoubleValues![i], n.IsNull(i) ? null : n.Int64Values![i], otc[i]))
            .ToList();
    }

    /// <summary>
    /// Rewrites a done task's file with edited bars and records the new file in the ledger, as an ingest would; another
    /// writer's schema (same columns, e.g. t in microseconds) with <paramref name="schema"/> and <paramref name="storeT"/>.
    /// </summary>
    public static async Task RewriteAsync(string outdir, LedgerEntry entry, Func<List<Bar>, List<Bar>> edit, ParquetSchema? schema = null, Func<long, long>? storeT = null)
    {
        var path = Full(outdir, entry);
        var bars = edit(Read(path));
        File.Delete(path);
        schema ??= BarSchema.Schema;
        await using (var writer = ParquetFileWriter.CreateFile(path, schema))
        {
            var batch = new ColumnBatch(schema);
            foreach (var b in bars)
            {
                batch.StringColumn(BarSchema.Ticker).Append(b.Ticker);
                batch.Int64Column(BarSchema.T).Append(storeT?.Invoke(b.T) ?? b.T);
                batch.Int32Column(BarSchema.SessionDate).Append(b.SessionDay);
                batch.DoubleColumn(BarSchema.O).Append(b.O);
                batch.DoubleColumn(BarSchema.H).Append(b.H);
                batch.DoubleColumn(BarSchema.L).Append(b.L);
                batch.DoubleColumn(BarSchema.C).Append(b.C);
                batch.DoubleColumn(BarSchema.V).Append(b.V);
                if (b.Vw is { } vw)
                {
                    batch.DoubleColumn(BarSchema.Vw).Append(vw);
                }
                else
                {
                    batch.DoubleColumn(BarSchema.Vw).AppendNull();
                }

                if (b.N is { } n)
                {
                    batch.Int64Column(BarSchema.N).Append(n);
                }
                else
                {
                    batch.Int64Column(BarSchema.N).AppendNull();
                }

                batch.BooleanColumn(BarSchema.Otc).Append(b.Otc);
            }

            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var ledger = SqliteLedger.Open(outdir, TimeProvider.System);
        using var tx = ledger.Begin();
        var id = tx.EnsureTask(new TaskKey(entry.Dataset, entry.Ticker, entry.WindowStart, entry.WindowEnd), entry.Adjusted, entry.Dataset == LakeLayoutView.DailyDataset ? "day" : "minute");
        tx.MarkDone(id, new CommittedFile(entry.FilePath!, bars.Count, bytes.Length, sha, bars[0].T, bars[^1].T));
        tx.Commit();
    }

    public static void SetState(string outdir, LedgerEntry entry, TaskState state, string error)
    {
        using var ledger = SqliteLedger.Open(outdir, TimeProvider.System);
        using var tx = ledger.Begin();
        var id = tx.EnsureTask(new TaskKey(entry.Dataset, entry.Ticker, entry.WindowStart, entry.WindowEnd), entry.Adjusted, "day");
        tx.SetState(id, state, error);
        tx.Commit();
    }
}
