using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Simulator.Market;

/// <summary>
/// Derives a day's minute bars from its <see cref="DaySummary"/> so they aggregate exactly to it: first open,
/// last close, max high, min low, summed volume and trades. Active minutes are sampled per part of the day
/// (pre 04:00-09:30, regular 09:30-close, post close-20:00); the minutes holding the day's high and low get at
/// least 4 trades, every other active minute at least 1, and a minute's OHLC is always realisable by its trades.
/// </summary>
internal static class MinuteModel
{
    private static readonly LocalTime PreOpen = new(4, 0);

    public static void Fill(ulong seed, Listing listing, LocalDate date, in DaySummary day, MinuteDay buffer)
    {
        // One key per listing-day, then a single mixing round per draw: this loop runs for every minute served.
        var dayKey = Mix.Hash(seed, (ulong)listing.Id, (ulong)date.ToDateOnly().DayNumber);
        ulong H(ulong minute, ulong salt) => Mix.Hash(dayKey ^ (((minute << 8) | salt) * 0x9E3779B97F4A7C15UL));

        buffer.DayStartMs = NewYorkTime.ToUnixMilliseconds(date.At(PreOpen));
        buffer.VolumeScale = day.VolumeScale;
        var regularMinutes = NyseCalendar.IsEarlyClose(date) ? 210 : 390;
        buffer.RegularEnd = 330 + regularMinutes;
        var k = 0;
        k = Select(buffer, k, 0, 330, day.PreMinutes, dayKey);
        k = Select(buffer, k, 330, regularMinutes, day.RegularMinutes, dayKey);
        k = Select(buffer, k, 330 + regularMinutes, 240, day.PostMinutes, dayKey);
        buffer.Count = k;

        var iHigh = Mix.Below(H(2000, 1), k);
        var iLow = k == 1 ? 0 : Mix.Below(H(2000, 2), k - 1);
        if (k > 1 && iLow >= iHigh)
        {
            iLow++;
        }

        // Trades: 1 per minute (4 at the extremes) plus the rest spread by weight; volume likewise on top of 1 unit per trade.
        Span<double> weight = stackalloc double[k];
        var totalWeight = 0.0;
        for (var i = 0; i < k; i++)
        {
            var off = buffer.Offset[i];
            var part = off >= 330 && off < 330 + regularMinutes ? 1.0 : 0.35;
            weight[i] = part * Math.Exp(0.6 * Mix.Normal(H((ulong)off, 3)));
            totalWeight += weight[i];
        }

        var baseTrades = 0L;
        for (var i = 0; i < k; i++)
        {
            buffer.Trades[i] = i == iHigh || i == iLow ? 4 : 1;
            baseTrades += buffer.Trades[i];
        }

        Distribute(buffer.Trades, weight, totalWeight, day.Trades - baseTrades, k);
        for (var i = 0; i < k; i++)
        {
            buffer.VolumeUnits[i] = buffer.Trades[i];
        }

        Distribute(buffer.VolumeUnits, weight, totalWeight, day.VolumeUnits - day.Trades, k);

        // Prices: a Brownian bridge from the open to the close, clamped to the day's range.
        var span = day.High - day.Low;
        var walk = 0.0;
        Span<double> path = stackalloc double[k];
        for (var i = 0; i < k; i++)
        {
            walk += Mix.Normal(H((ulong)buffer.Offset[i], 4));
            path[i] = walk;
        }

        var end = path[k - 1];
        var amplitude = span * 0.45 / Math.Sqrt(k);
        var previousClose = day.Open;
        var tradesBefore = 0L;
        for (var i = 0; i < k; i++)
        {
            var off = (ulong)buffer.Offset[i];
            var linear = day.Open + ((day.Close - day.Open) * (i + 1) / k);
            var bridge = path[i] - (end * (i + 1) / k);
            var c = i == k - 1 ? day.Close : PriceRounding.Raw(Math.Clamp(linear + (bridge * amplitude), day.Low, day.High));
            var o = i == 0 ? day.Open : previousClose;
            var n = buffer.Trades[i];
            double h, l;
            if (n == 1)
            {
                var p = i == k - 1 ? day.Close : o;
                o = c = h = l = p;
            }
            else
            {
                var wiggleUp = Math.Abs(Mix.Normal(H(off, 5))) * span * 0.04;
                var wiggleDown = Math.Abs(Mix.Normal(H(off, 6))) * span * 0.04;
                h = n == 2 ? Math.Max(o, c) : PriceRounding.Raw(Math.Min(day.High, Math.Max(o, c) + wiggleUp));
                l = n <= 3 ? Math.Min(o, c) : PriceRounding.Raw(Math.Max(day.Low, Math.Min(o, c) - wiggleDown));
                if (i == iHigh)
                {
                    h = day.High;
                }

                if (i == iLow)
                {
                    l = day.Low;
                }
            }

            buffer.Open[i] = o;
            buffer.High[i] = h;
            buffer.Low[i] = l;
            buffer.Close[i] = c;
            buffer.VolumeWeighted[i] = PriceRounding.Four(Math.Clamp(((o + h + l + c) / 4) + ((h - l) * 0.1 * Mix.Normal(H(off, 7))), l, h));
            buffer.TradesBefore[i] = tradesBefore;
            tradesBefore += n;
            previousClose = c;
        }
    }

    private static int Select(MinuteDay buffer, int k, int start, int length, int wanted, ulong dayKey)
    {
        // Knuth's selection sampling: exactly `wanted` of `length` minutes, in order, each subset equally likely.
        var chosen = 0;
        for (var t = 0; t < length && chosen < wanted; t++)
        {
            if (Mix.Unit(Mix.Hash(dayKey ^ ((ulong)(start + t) << 8) * 0x9E3779B97F4A7C15UL)) * (length - t) < wanted - chosen)
            {
                buffer.Offset[k++] = start + t;
                chosen++;
            }
        }

        return k;
    }

    private static void Distribute(long[] target, ReadOnlySpan<double> weight, double total, long amount, int k)
    {
        if (amount <= 0)
        {
            return;
        }

        var cumulative = 0.0;
        var given = 0L;
        for (var i = 0; i < k; i++)
        {
            cumulative += weight[i];
            var upTo = i == k - 1 ? amount : Math.Min(amount, (long)Math.Floor(amount * (cumulative / total)));
            target[i] += upTo - given;
            given = upTo;
        }
    }
}
