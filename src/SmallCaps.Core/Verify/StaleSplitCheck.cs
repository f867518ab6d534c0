using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Core.Verify;

/// <summary>
/// Split-adjusted history changes with every new split: a file of adjusted bars fetched before a
/// split that executed since (and that applies to bars in the file) no longer matches the vendor
/// (<see cref="SplitAdjustment"/>, the rule ingest uses to fetch such windows again).
/// </summary>
internal static class StaleSplitCheck
{
    public static void Run(LedgerEntry entry, TickerReference reference, DateTimeOffset now, FindingSink sink)
    {
        if (!entry.IsDone || !entry.Adjusted || entry.FetchedAt is not { } fetchedAt)
        {
            return;
        }

        var firstBar = entry.FirstT is { } t ? NewYorkTime.SessionDateOfMilliseconds(t) : entry.WindowStart;
        foreach (var split in reference.SplitsOf(entry.Ticker))
        {
            if (SplitAdjustment.MakesStale(fetchedAt.ToDateTimeOffset(), firstBar, split.ExecutionDate, now))
            {
                var fetched = fetchedAt.InZone(NewYorkTime.Zone).Date;
                var ratio = string.Create(CultureInfo.InvariantCulture, $"{split.SplitTo:0.####}-for-{split.SplitFrom:0.####}");
                sink.Add(new Finding(
                    FindingKind.StaleSplit,
                    entry.Dataset,
                    entry.Ticker,
                    entry.FilePath,
                    entry.WindowStart,
                    $"adjusted bars fetched {CompletenessCheck.Iso(fetched)}, before the {ratio} split of {CompletenessCheck.Iso(split.ExecutionDate)}: prices and volumes before that date are stale; the next ingest run of this ticker fetches the window again"));
            }
        }
    }
}
