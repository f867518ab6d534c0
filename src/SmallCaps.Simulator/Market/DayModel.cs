using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Simulator.Market;

/// <summary>
/// The daily path: a listing's economic log price on any calendar day is a sum of value-noise octaves
/// (stateless, O(1) per day), raw prices multiply it by the splits still to come.
/// </summary>
internal sealed class DayModel(long seed)
{
    private static readonly int[] Scales = [512, 128, 32, 8, 2];
    private static readonly LocalDate FractionalVolumeFrom = new(2026, 1, 1);
    private readonly ulong _seed = (ulong)seed;

    public ulong Seed => _seed;

    /// <summary>The day's raw summary, or null when the listing does not trade that day (not a session, not listed, or no trades).</summary>
    public DaySummary? Summarize(Listing listing, LocalDate date)
    {
        if (!listing.IsListedOn(date) || !NyseCalendar.IsSession(date))
        {
            return null;
        }

        var p = listing.Profile;
        var day = date.ToDateOnly().DayNumber;
        var id = (ulong)listing.Id;
        ulong H(ulong salt) => Mix.Hash(_seed, id, (ulong)day, salt);
        var activity = Math.Exp(0.35 * Mix.Normal(H(3)));
        var early = NyseCalendar.IsEarlyClose(date);
        var regularLength = early ? 210 : 390;
        var pre = (int)Math.Round(Math.Clamp(p.Liquidity * 0.12 * activity, 0, 1) * 330);
        var reg = (int)Math.Round(Math.Clamp(p.Liquidity * activity, 0, 1) * regularLength);
        var post = (int)Math.Round(Math.Clamp(p.Liquidity * 0.10 * activity, 0, 1) * 240);
        if (pre + reg + post == 0)
        {
            return null;
        }

        var sigma = p.DailyVolatility;
        var factor = listing.RawFactor(date);
        var close = Math.Exp(LogPrice(listing, day)) * factor;
        var open = Math.Exp(LogPrice(listing, day - 1) + (0.25 * sigma * Mix.Normal(H(1)))) * factor;
        var range = (0.2 + Math.Abs(Mix.Normal(H(2)))) * sigma * 0.6;
        var split = Mix.Unit(H(7));
        var high = Math.Max(open, close) * Math.Exp(range * split);
        var low = Math.Min(open, close) * Math.Exp(-range * (1 - split));
        var o = PriceRounding.Raw(open);
        var c = PriceRounding.Raw(close);
        var h = Math.Max(PriceRounding.Raw(high), Math.Max(o, c));
        var l = Math.Min(PriceRounding.Raw(low), Math.Min(o, c));
        var k = pre + reg + post;
        var trades = Math.Max(k + 6, (long)Math.Round(k * p.TradesPerMinute * Math.Exp(0.3 * Mix.Normal(H(4)))));
        var scale = date >= FractionalVolumeFrom ? 100 : 1;
        var shares = p.AverageDailyVolume * activity * Math.Exp(0.4 * Mix.Normal(H(5))) / factor;
        var units = Math.Max(trades, (long)Math.Round(shares * scale));
        var vw = PriceRounding.Four(Math.Clamp((h + l + c) / 3 * (1 + (0.002 * Mix.Normal(H(6)))), l, h));
        return new DaySummary(o, h, l, c, units, trades, vw, pre, reg, post, scale);
    }

    /// <summary>Economic (split-free) log price of a calendar day number.</summary>
    public double LogPrice(Listing listing, int day)
    {
        var id = (ulong)listing.Id;
        var sigma = listing.Profile.DailyVolatility;
        var x = listing.Profile.LogPrice + (sigma * 0.7 * Mix.Normal(Mix.Hash(_seed, id, (ulong)day, 11)));
        for (var o = 0; o < Scales.Length; o++)
        {
            var s = Scales[o];
            var k = Math.DivRem(day, s, out var rem);
            var a = Mix.Normal(Mix.Hash(_seed, id, (ulong)(k * 8) + (ulong)o, 12));
            var b = Mix.Normal(Mix.Hash(_seed, id, (ulong)((k + 1) * 8) + (ulong)o, 12));
            var t = (double)rem / s;
            x += (a + ((b - a) * t)) * sigma * Math.Sqrt(s) * (o == 0 ? 0.35 : 0.5);
        }

        return x;
    }
}
