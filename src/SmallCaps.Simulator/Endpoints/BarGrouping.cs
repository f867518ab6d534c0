using SmallCaps.Core.Calendar;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>Combines base bars into multiplier-sized windows (minutes aligned on the epoch grid, days on the day-number grid).</summary>
internal static class BarGrouping
{
    public static long BucketOf(in SimBar bar, bool minute, int multiplier) => minute
        ? bar.Timestamp / (multiplier * 60_000L)
        : NewYorkTime.SessionDateOfMilliseconds(bar.Timestamp).ToDateOnly().DayNumber / multiplier;

    /// <summary>Aggregates bars given in time order; minute windows start on their grid point, day windows at their first bar.</summary>
    public static SimBar Combine(ReadOnlySpan<SimBar> bars, bool minute, int multiplier)
    {
        var first = bars[0];
        double high = first.High, low = first.Low, volume = 0, weighted = 0;
        long trades = 0;
        foreach (var b in bars)
        {
            high = Math.Max(high, b.High);
            low = Math.Min(low, b.Low);
            volume += b.Volume;
            weighted += b.VolumeWeighted * b.Volume;
            trades += b.Transactions;
        }

        var t = minute ? BucketOf(first, true, multiplier) * multiplier * 60_000L : first.Timestamp;
        var vw = volume > 0 ? Math.Round(weighted / volume, 4, MidpointRounding.AwayFromZero) : first.VolumeWeighted;
        return new SimBar(t, first.Open, high, low, bars[^1].Close, Math.Round(volume, 4, MidpointRounding.AwayFromZero), vw, trades, first.Otc);
    }
}
