using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Verify;

/// <summary>
/// Split-adjusted history changes with every new split: a file of adjusted bars fetched before a
/// split that executed since (and that applies to bars in the file) no longer matches the vendor.
/// </summary>
internal static class StaleSplitCheck
{
    public static void Run(LedgerEntry entry, TickerReference reference, LocalDate today, FindingSink sink)
    {
        if (!entry.IsDone || !entry.Adjusted || entry.UpdatedAt is not { } committed)
        {
            return;
        }

        var fetched = committed.InZone(NewYorkTime.Zone).Date;
        var firstBar = entry.FirstT is { } t ? NewYorkTime.SessionDateOfMilliseconds(t) : entry.WindowStart;
        foreach (var split in reference.SplitsOf(entry.Ticker))
        {
            // The split applies to bars before its execution date; it counts once it has executed.
            if (fetched < split.ExecutionDate && split.ExecutionDate <= today && firstBar < split.ExecutionDate)
            {
                var ratio = string.Create(CultureInfo.InvariantCulture, $"{split.SplitTo:0.####}-for-{split.SplitFrom:0.####}");
                sink.Add(new Finding(
                    FindingKind.StaleSplit,
                    entry.Dataset,
                    entry.Ticker,
                    entry.FilePath,
                    entry.WindowStart,
                    $"adjusted bars fetched {CompletenessCheck.Iso(fetched)}, before the {ratio} split of {CompletenessCheck.Iso(split.ExecutionDate)}: prices and volumes before that date are stale; re-fetch this window"));
            }
        }
    }
}
