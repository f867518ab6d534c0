using System.Globalization;

namespace SmallCaps.Core.Backup;

/// <summary>
/// The order of a destination's snapshots, oldest first. Snapshots that record a sequence (<see cref="SnapshotSequence"/>)
/// keep its order among themselves, whatever their clocks said. A snapshot an older build made (no sequence) goes where
/// its creation time falls among theirs: the time in its name (to the second), to the instant by its inventory's write
/// time when that lies in the same second. When times cannot place it (made in the same second as a sequenced one, or
/// among sequenced snapshots whose times go back), <see cref="Conflict"/> says so: the order is then a guess, good enough
/// for the base of an incremental create but not for deciding what to delete.
/// </summary>
/// <param name="OldestFirst">Snapshot folders, oldest first.</param>
/// <param name="HighestSequence">The highest sequence any snapshot records (0 when none records one).</param>
/// <param name="Conflict">Why the order is not certain, naming the snapshots; null when it is.</param>
internal sealed record SnapshotOrder(IReadOnlyList<string> OldestFirst, long HighestSequence, string? Conflict)
{
    /// <summary>Orders snapshot folders.</summary>
    public static SnapshotOrder Of(IEnumerable<string> snapshots)
    {
        var all = snapshots.Select(Describe).ToList();
        var sequenced = all.Where(s => s.Sequence is not null)
            .OrderBy(s => s.Sequence).ThenBy(s => s.From).ThenBy(s => s.Folder, StringComparer.Ordinal).ToList();
        string? conflict = null;
        var placed = new List<(Snapshot Snapshot, int Gap, int Rank)>();
        placed.AddRange(sequenced.Select((s, i) => (s, i, 1)));
        foreach (var older in all.Where(s => s.Sequence is null))
        {
            // Gap g: after the first g sequenced snapshots. Certain when the ones before it were made before it and the rest after.
            var lo = sequenced.TakeWhile(s => s.To < older.From).Count();
            var hi = sequenced.Count - sequenced.AsEnumerable().Reverse().TakeWhile(s => s.From > older.To).Count();
            conflict ??= lo < hi ? Describe(older, sequenced[lo], sequenced[hi - 1]) : null;
            placed.Add((older, lo, 0));
        }

        var ordered = placed
            .OrderBy(p => p.Gap).ThenBy(p => p.Rank)
            .ThenBy(p => p.Snapshot.Sequence).ThenBy(p => p.Snapshot.From.Ticks / TimeSpan.TicksPerSecond).ThenBy(p => p.Snapshot.Written).ThenBy(p => p.Snapshot.Folder, StringComparer.Ordinal)
            .Select(p => p.Snapshot.Folder)
            .ToList();
        return new SnapshotOrder(ordered, sequenced.Count == 0 ? 0 : sequenced.Max(s => s.Sequence!.Value), conflict);
    }

    private static Snapshot Describe(string folder)
    {
        var written = new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(folder, BackupLayout.InventoryFile)), TimeSpan.Zero);
        var recorded = SnapshotSequence.Read(folder);
        if (recorded is { Created: { } created })
        {
            return new Snapshot(folder, recorded.Value.Sequence, created, created, written);
        }

        // "20261121T120000Z-label": the second it was made in; the inventory, written just after, tells the instant.
        var name = Path.GetFileName(folder);
        if (name.Length >= 16 && DateTimeOffset.TryParseExact(name[..16], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var second))
        {
            var end = second.AddSeconds(1).AddTicks(-1);
            return written >= second && written <= end
                ? new Snapshot(folder, recorded?.Sequence, written, written, written)
                : new Snapshot(folder, recorded?.Sequence, second, end, written);
        }

        return new Snapshot(folder, recorded?.Sequence, written, written, written);
    }

    private static string Describe(Snapshot older, Snapshot first, Snapshot last)
    {
        var what = $"snapshot {Path.GetFileName(older.Folder)} (made by an older build: no {BackupLayout.SequenceFile})";
        return first == last
            ? $"cannot tell whether {what} is older or newer than {Path.GetFileName(first.Folder)} (sequence {first.Sequence}): both were made at {At(first)} UTC, the same second"
            : $"cannot tell where {what}, made at {At(older)} UTC, falls: {Path.GetFileName(first.Folder)} (sequence {first.Sequence}) was made at {At(first)} UTC, "
                + $"not before it, and the later {Path.GetFileName(last.Folder)} (sequence {last.Sequence}) at {At(last)} UTC, not after it (a clock set back)";
    }

    private static string At(Snapshot s) => s.From.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // When a snapshot was made: the instant, or the second its name gives (From..To, inclusive).
    private sealed record Snapshot(string Folder, long? Sequence, DateTimeOffset From, DateTimeOffset To, DateTimeOffset Written);
}
