using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Market;

/// <summary>
/// The simulated market: universe plus stateless generators. Every bar, trade and quote is a pure function of
/// (seed, listing, day), so any window is generated lazily, page by page, identical whichever request returns it.
/// </summary>
internal sealed class MarketData
{
    public MarketData(long seed, int universeSize, LocalDate asOf, LocalDate dataStart, bool includeWellKnown)
    {
        Seed = seed;
        AsOf = asOf;
        DataStart = dataStart < new LocalDate(NyseCalendar.FirstYear, 1, 1) ? new LocalDate(NyseCalendar.FirstYear, 1, 1) : dataStart;
        Days = new DayModel(seed);
        Universe = new Universe(UniverseBuilder.Build(seed, universeSize, includeWellKnown));
    }

    public long Seed { get; }

    public LocalDate AsOf { get; }

    public LocalDate DataStart { get; }

    public DayModel Days { get; }

    public Universe Universe { get; }

    /// <summary>Dates of a window clipped to the data range and to when the symbol existed; empty when none.</summary>
    public (LocalDate From, LocalDate To) Clip(string symbol, LocalDate from, LocalDate to)
    {
        var spans = Universe.SpansOf(symbol);
        if (spans.Count == 0)
        {
            return (LocalDate.MaxIsoValue, LocalDate.MinIsoValue);
        }

        var first = spans.Min(s => s.From);
        var last = spans.Max(s => s.To == LocalDate.MaxIsoValue ? s.To : s.To.PlusDays(-1));
        var lo = Max(Max(from, first), DataStart);
        var hi = Min(Min(to, last), Min(AsOf, new LocalDate(NyseCalendar.LastYear, 12, 31)));
        return (lo, hi);
    }

    /// <summary>Bars of a symbol with window start in [fromMs, toMs], ascending or descending (multiplier 1).</summary>
    public IEnumerable<SimBar> Bars(string symbol, BarKind dataset, long fromMs, long toMs, bool adjusted, bool descending)
    {
        var (from, to) = Clip(symbol, NewYorkTime.SessionDateOfMilliseconds(fromMs), NewYorkTime.SessionDateOfMilliseconds(toMs));
        if (from > to)
        {
            yield break;
        }

        var buffer = dataset == BarKind.Minute ? new MinuteDay() : null;
        for (var date = descending ? to : from; descending ? date >= from : date <= to; date = date.PlusDays(descending ? -1 : 1))
        {
            var listing = Universe.Resolve(symbol, date);
            if (listing is null || Days.Summarize(listing, date) is not { } day)
            {
                continue;
            }

            var factor = adjusted ? listing.AdjustmentFactor(date, AsOf) : 1.0;
            if (buffer is null)
            {
                var t = NewYorkTime.StartOfDayUnixMilliseconds(date);
                if (t >= fromMs && t <= toMs)
                {
                    yield return Convert(t, day.Open, day.High, day.Low, day.Close, day.VolumeUnits, day.VolumeScale, day.VolumeWeighted, day.Trades, factor, listing.IsOtc);
                }

                continue;
            }

            MinuteModel.Fill(Days.Seed, listing, date, day, buffer);
            for (var k = 0; k < buffer.Count; k++)
            {
                var i = descending ? buffer.Count - 1 - k : k;
                var t = buffer.TimestampMs(i);
                if (t >= fromMs && t <= toMs)
                {
                    yield return Convert(t, buffer.Open[i], buffer.High[i], buffer.Low[i], buffer.Close[i], buffer.VolumeUnits[i], buffer.VolumeScale, buffer.VolumeWeighted[i], buffer.Trades[i], factor, listing.IsOtc);
                }
            }
        }
    }

    /// <summary>Trades with sip_timestamp in [fromNs, toNs].</summary>
    public IEnumerable<SimTrade> Trades(string symbol, long fromNs, long toNs, bool descending)
    {
        var scratch = new List<SimTrade>();
        foreach (var (listing, date, minutes, i) in Minutes(symbol, fromNs, toNs, descending))
        {
            TickModel.Trades(Days.Seed, listing, date, minutes, i, scratch);
            for (var k = 0; k < scratch.Count; k++)
            {
                var tr = scratch[descending ? scratch.Count - 1 - k : k];
                if (tr.SipTimestamp >= fromNs && tr.SipTimestamp <= toNs)
                {
                    yield return tr;
                }
            }
        }
    }

    /// <summary>Quotes with sip_timestamp in [fromNs, toNs].</summary>
    public IEnumerable<SimQuote> Quotes(string symbol, long fromNs, long toNs, bool descending)
    {
        var scratch = new List<SimQuote>();
        foreach (var (listing, date, minutes, i) in Minutes(symbol, fromNs, toNs, descending))
        {
            TickModel.Quotes(Days.Seed, listing, date, minutes, i, scratch);
            for (var k = 0; k < scratch.Count; k++)
            {
                var q = scratch[descending ? scratch.Count - 1 - k : k];
                if (q.SipTimestamp >= fromNs && q.SipTimestamp <= toNs)
                {
                    yield return q;
                }
            }
        }
    }

    /// <summary>Last raw close on or before a date (for market caps), or null when it never traded.</summary>
    public double? LastClose(Listing listing, LocalDate date)
    {
        var end = Min(date, Min(AsOf, listing.DelistDate?.PlusDays(-1) ?? AsOf));
        for (var (d, n) = (end, 0); d >= listing.ListDate && n < 30; d = d.PlusDays(-1), n++)
        {
            if (d.Year >= NyseCalendar.FirstYear && Days.Summarize(listing, d) is { } s)
            {
                return s.Close;
            }
        }

        return null;
    }

    /// <summary>Shares outstanding on a date: today's count undone by the splits after it (independent of the as-of date).</summary>
    public static long SharesOn(Listing listing, LocalDate date) => (long)Math.Round(listing.Profile.SharesOutstanding / listing.RawFactor(date));

    /// <summary>The market cap served for a date: shares on the date × last raw close, rounded; null when not listed or never traded.</summary>
    public long? MarketCap(Listing listing, LocalDate date) =>
        listing.IsListedOn(date) && LastClose(listing, date) is { } close ? (long)Math.Round(SharesOn(listing, date) * close) : null;

    private IEnumerable<(Listing Listing, LocalDate Date, MinuteDay Minutes, int Index)> Minutes(string symbol, long fromNs, long toNs, bool descending)
    {
        var (from, to) = Clip(symbol, NewYorkTime.SessionDateOfNanoseconds(fromNs), NewYorkTime.SessionDateOfNanoseconds(toNs));
        var buffer = new MinuteDay();
        for (var date = descending ? to : from; descending ? date >= from : date <= to; date = date.PlusDays(descending ? -1 : 1))
        {
            var listing = Universe.Resolve(symbol, date);
            if (listing is null || Days.Summarize(listing, date) is not { } day)
            {
                continue;
            }

            MinuteModel.Fill(Days.Seed, listing, date, day, buffer);
            for (var k = 0; k < buffer.Count; k++)
            {
                var i = descending ? buffer.Count - 1 - k : k;
                var startNs = buffer.TimestampMs(i) * 1_000_000L;
                if (startNs + 60_000_000_000L > fromNs && startNs <= toNs)
                {
                    yield return (listing, date, buffer, i);
                }
            }
        }
    }

    private static SimBar Convert(long t, double o, double h, double l, double c, long units, int scale, double vw, long n, double factor, bool otc)
    {
        var volume = (double)units / scale;
        return new SimBar(
            t,
            PriceRounding.Adjusted(o, factor),
            PriceRounding.Adjusted(h, factor),
            PriceRounding.Adjusted(l, factor),
            PriceRounding.Adjusted(c, factor),
            PriceRounding.AdjustedVolume(volume, factor),
            PriceRounding.Adjusted(vw, factor),
            n,
            otc);
    }

    private static LocalDate Max(LocalDate a, LocalDate b) => a > b ? a : b;

    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;
}
