using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using NodaTime;
using SmallCaps.Core.Backup;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Verify;

namespace SmallCaps.Bench.Backup;

/// <summary>
/// <c>backup [--mb 1024] [--files 400] [--dir D]</c>: builds a lake of the given size (incompressible
/// files in the bar layout, recorded done in a real ledger), then measures backup create, an
/// incremental create after a small change, verify, restore, byte-identity of the restore, and that
/// a corrupted object is caught.
/// </summary>
public static class BackupBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var mb = IntOption(args, "--mb", 1024);
        var files = IntOption(args, "--files", 400);
        var root = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), $"smallcaps-backup-bench-{Guid.NewGuid():N}");
        var source = Path.Combine(root, "lake");
        var dest = Path.Combine(root, "backup");
        var restored = Path.Combine(root, "restored");
        try
        {
            var sw = Stopwatch.StartNew();
            var bytes = BuildLake(source, mb, files);
            Report("build lake", sw, bytes, $"{files} files");

            sw.Restart();
            var first = SnapshotCreator.Create(new BackupCreateOptions { Source = source, Destination = dest, Label = "full" });
            Report("backup create (first)", sw, first.Bytes, $"copied {first.CopiedFiles} files / {first.CopiedBytes:N0} bytes, hashed {first.HashedFiles}, problems {first.Problems.Count}");

            var changedBytes = SmallChange(source);
            sw.Restart();
            var second = SnapshotCreator.Create(new BackupCreateOptions { Source = source, Destination = dest, Label = "incremental" });
            Report("backup create (after small change)", sw, second.Bytes, $"copied {second.CopiedFiles} files / {second.CopiedBytes:N0} bytes (change was {changedBytes:N0} bytes + ledger), hashed {second.HashedFiles} of {second.Files}");

            sw.Restart();
            var check = SnapshotVerifier.Verify(second.SnapshotPath);
            Report("backup verify", sw, check.Bytes, $"problems {check.Problems.Count}");

            sw.Restart();
            var restore = SnapshotRestorer.Restore(second.SnapshotPath, restored);
            Report("backup restore (+ re-hash check)", sw, restore.RestoredBytes, $"problems {restore.Problems.Count}");

            sw.Restart();
            var identical = CompareTrees(source, restored);
            Report("byte comparison source vs restore", sw, bytes, identical ? "IDENTICAL (ledger: same tasks)" : "DIFFERENT");

            var victim = Inventory.Read(Path.Combine(second.SnapshotPath, BackupLayout.InventoryFile)).First(e => e.Path.EndsWith(".parquet", StringComparison.Ordinal));
            var obj = BackupLayout.ObjectPath(Path.Combine(dest, BackupLayout.ObjectsFolder), victim.Sha256);
            using (var fs = new FileStream(obj, FileMode.Open, FileAccess.ReadWrite))
            {
                fs.Position = victim.Size / 3;
                var b = fs.ReadByte();
                fs.Position = victim.Size / 3;
                fs.WriteByte((byte)(b ^ 1));
            }

            var corrupt = SnapshotVerifier.Verify(second.SnapshotPath);
            Console.WriteLine($"corrupted object caught: {corrupt.Problems.Count == 1 && corrupt.Problems[0].Path == victim.Path} ({string.Join("; ", corrupt.Problems.Select(p => $"{p.Path}: {p.Reason}"))})");
            Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
            return Task.FromResult(identical && restore.Problems.Count == 0 && corrupt.Problems.Count == 1 ? 0 : 1);
        }
        finally
        {
            if (Option(args, "--dir") is null)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static long BuildLake(string outdir, int mb, int files)
    {
        var size = (long)mb * 1024 * 1024 / files;
        var random = new Random(7);
        var buffer = new byte[size];
        long total = 0;
        using var ledger = SqliteLedger.Open(outdir, TimeProvider.System);
        for (var i = 0; i < files; i++)
        {
            random.NextBytes(buffer);
            total += WriteDone(outdir, ledger, $"T{i / 20:D4}", 2000 + (i % 20), buffer);
        }

        Directory.CreateDirectory(Path.Combine(outdir, "_logs"));
        File.WriteAllText(Path.Combine(outdir, "_logs", "ingest.log"), "log\n");
        return total;
    }

    // A small change as the next ingest makes it: one new window (one file) committed, the ledger updated.
    private static long SmallChange(string outdir)
    {
        using var ledger = SqliteLedger.Open(outdir, TimeProvider.System);
        var buffer = new byte[256 * 1024];
        new Random(99).NextBytes(buffer);
        return WriteDone(outdir, ledger, "T0000", 2021, buffer);
    }

    private static long WriteDone(string outdir, SqliteLedger ledger, string ticker, int year, byte[] content)
    {
        var key = new TaskKey(BarDataset.Minute.Name, ticker, new LocalDate(year, 1, 1), new LocalDate(year, 12, 31));
        var relative = LakeLayout.RelativePath(BarDataset.Minute, key);
        var full = LakeLayout.FullPath(outdir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        using var tx = ledger.Begin();
        var id = tx.EnsureTask(key, adjusted: true, "minute");
        tx.MarkDone(id, new CommittedFile(relative, 1, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), 0, 0));
        tx.Commit();
        return content.Length;
    }

    private static bool CompareTrees(string source, string restored)
    {
        var same = true;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("_ledger", StringComparison.Ordinal))
            {
                continue;
            }

            var other = Path.Combine(restored, relative);
            if (!File.Exists(other) || !File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(other)))
            {
                Console.WriteLine($"differs: {relative}");
                same = false;
            }
        }

        var a = LedgerView.ReadTasks(LedgerView.DatabasePath(source));
        var b = LedgerView.ReadTasks(LedgerView.DatabasePath(restored));
        return same && a.SequenceEqual(b);
    }

    private static void Report(string step, Stopwatch sw, long bytes, string detail)
    {
        var seconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step,-36} {seconds,7:F2} s  {bytes / 1048576.0 / Math.Max(seconds, 1e-6),8:F0} MB/s  {detail}"));
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
