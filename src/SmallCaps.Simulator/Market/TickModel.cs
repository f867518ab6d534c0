using NodaTime;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Market;

/// <summary>
/// Trades and quotes of one active minute, consistent with its bar: the first trade is the open, the last the
/// close, the high and low are traded, sizes sum to the volume and the count equals <c>n</c>. Quotes straddle
/// the trade path. Timestamps are stratified inside the minute, so they are strictly increasing and unique.
/// </summary>
internal static class TickModel
{
    private static readonly int[] Venues = [10, 11, 12, 15, 19, 21, 4, 4, 4];
    private static readonly LocalDate ShareSizedQuotesFrom = new(2025, 11, 3);

    public static int TapeOf(Listing listing) => listing.PrimaryExchange switch
    {
        "XNYS" => 1,
        "XNAS" => 3,
        null => 3,
        _ => 2,
    };

    public static void Trades(ulong seed, Listing listing, LocalDate date, MinuteDay day, int i, List<SimTrade> into)
    {
        into.Clear();
        var n = (int)day.Trades[i];
        var dayNumber = (ulong)date.ToDateOnly().DayNumber;
        var key = Mix.Hash(seed, (ulong)listing.Id, (dayNumber << 12) | (uint)day.Offset[i], 21);
        var startNs = day.TimestampMs(i) * 1_000_000L;
        var step = 60_000_000_000L / n;
        var tape = TapeOf(listing);
        var extended = day.Offset[i] < 330 || day.Offset[i] >= day.RegularEnd;
        var o = day.Open[i];
        var h = day.High[i];
        var l = day.Low[i];
        var c = day.Close[i];

        // Sizes: one unit each plus the rest of the minute's volume by weight.
        var remaining = day.VolumeUnits[i] - n;
        var cumulative = 0L;
        for (var j = 0; j < n; j++)
        {
            var hj = Mix.Hash(key, (ulong)j);
            var price = j == 0 ? o : j == n - 1 ? c : n == 3 ? h : j == 1 ? h : j == 2 ? l : PriceRounding.Raw(l + ((h - l) * Mix.Unit(Mix.Hash(hj, 1))));
            var share = j == n - 1 ? remaining : (long)Math.Floor(remaining * ((j + 1.0) / n) * (0.6 + (0.4 * Mix.Unit(Mix.Hash(hj, 2)))));
            share = Math.Clamp(share, cumulative, remaining);
            var units = 1 + share - cumulative;
            cumulative = share;
            var sip = startNs + ((long)((j + Mix.Unit(Mix.Hash(hj, 3))) * step));
            var participant = sip - 1_000 - (long)(Mix.Unit(Mix.Hash(hj, 4)) * 400_000);
            var venue = Venues[Mix.Below(Mix.Hash(hj, 5), Venues.Length)];
            var trf = venue == 4;
            var size = (double)units / day.VolumeScale;
            IReadOnlyList<int>? conditions = (extended, size < 100) switch
            {
                (true, true) => [12, 37],
                (true, false) => [12],
                (false, true) => [37],
                _ => null,
            };
            into.Add(new SimTrade(
                sip,
                participant,
                trf ? participant - (long)(Mix.Unit(Mix.Hash(hj, 6)) * 1_000_000) : null,
                price,
                size,
                venue,
                (day.TradesBefore[i] + j + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (2 * (day.TradesBefore[i] + j)) + 1,
                tape,
                conditions,
                trf ? 201 + Mix.Below(Mix.Hash(hj, 7), 3) : null));
        }
    }

    public static void Quotes(ulong seed, Listing listing, LocalDate date, MinuteDay day, int i, List<SimQuote> into)
    {
        into.Clear();
        var q = (int)day.Trades[i] + 1;
        var dayNumber = (ulong)date.ToDateOnly().DayNumber;
        var key = Mix.Hash(seed, (ulong)listing.Id, (dayNumber << 12) | (uint)day.Offset[i], 22);
        var startNs = day.TimestampMs(i) * 1_000_000L;
        var step = 60_000_000_000L / q;
        var tape = TapeOf(listing);
        var shares = date >= ShareSizedQuotesFrom;
        var quotesBefore = day.TradesBefore[i] + i;
        for (var j = 0; j < q; j++)
        {
            var hj = Mix.Hash(key, (ulong)j);
            var mid = day.Open[i] + ((day.Close[i] - day.Open[i]) * j / q);
            var tick = mid >= 1.0 ? 0.01 : 0.0001;
            var spreadTicks = 1 + Mix.Below(Mix.Hash(hj, 1), listing.Profile.Liquidity > 0.5 ? 2 : 8);
            var bid = PriceRounding.Raw(Math.Max(0.0001, mid - (spreadTicks * tick / 2)));
            var ask = PriceRounding.Raw(bid + (spreadTicks * tick));
            var lots = 1 + Mix.Below(Mix.Hash(hj, 2), 20);
            var lots2 = 1 + Mix.Below(Mix.Hash(hj, 3), 20);
            var sip = startNs + ((long)((j + Mix.Unit(Mix.Hash(hj, 4))) * step));
            into.Add(new SimQuote(
                sip,
                sip - 500 - (long)(Mix.Unit(Mix.Hash(hj, 5)) * 300_000),
                bid,
                shares ? lots * 100 : lots,
                Venues[Mix.Below(Mix.Hash(hj, 6), 6)],
                ask,
                shares ? lots2 * 100 : lots2,
                Venues[Mix.Below(Mix.Hash(hj, 7), 6)],
                (2 * (quotesBefore + j)) + 2,
                tape));
        }
    }
}
