using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Simulator.Market;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Tests.Market;

public sealed class MarketConsistencyTests
{
    private static readonly Lazy<MarketData> Data = new(() => new MarketData(11, 800, new LocalDate(2026, 6, 30), new LocalDate(2003, 1, 2), true));

    private static IEnumerable<Listing> Sample => Data.Value.Universe.Listings.Where(l => l.Id % 13 == 0).Take(40);

    [Fact]
    public void DailyBar_EqualsAggregateOfItsMinutes_ForManyListingsAndDays()
    {
        // Given sampled listings (thin and liquid) over sampled sessions, raw and adjusted
        var checkedDays = 0;
        foreach (var l in Sample)
        {
            var symbol = l.Symbols[0].Symbol;
            var from = Max(l.ListDate, new LocalDate(2003, 1, 2));
            for (var d = from; d < from.PlusDays(400) && d <= Data.Value.AsOf; d = d.PlusDays(37))
            {
                if (Data.Value.Universe.Resolve(symbol, d) != l)
                {
                    continue;
                }

                foreach (var adjusted in new[] { false, true })
                {
                    var t0 = NewYorkTime.StartOfDayUnixMilliseconds(d);
                    var t1 = NewYorkTime.StartOfDayUnixMilliseconds(d.PlusDays(1)) - 1;
                    var daily = Data.Value.Bars(symbol, BarKind.Day, t0, t1, adjusted, false).ToList();
                    var minutes = Data.Value.Bars(symbol, BarKind.Minute, t0, t1, adjusted, false).ToList();

                    // When / Then: a day has a daily bar exactly when it has minutes, and they aggregate exactly
                    Assert.Equal(daily.Count == 1, minutes.Count > 0);
                    if (daily.Count == 0)
                    {
                        continue;
                    }

                    var day = daily[0];
                    Assert.Equal(minutes[0].Open, day.Open);
                    Assert.Equal(minutes[^1].Close, day.Close);
                    Assert.Equal(minutes.Max(m => m.High), day.High);
                    Assert.Equal(minutes.Min(m => m.Low), day.Low);
                    Assert.Equal(minutes.Sum(m => m.Transactions), day.Transactions);
                    if (!adjusted)
                    {
                        Assert.Equal(Math.Round(minutes.Sum(m => m.Volume), 2), Math.Round(day.Volume, 2));
                    }

                    Assert.All(minutes, m => Assert.True(m.Low <= Math.Min(m.Open, m.Close) && m.High >= Math.Max(m.Open, m.Close) && m.VolumeWeighted >= m.Low && m.VolumeWeighted <= m.High, $"{symbol} {m}"));
                    Assert.All(minutes, m => Assert.Equal(d, NewYorkTime.SessionDateOfMilliseconds(m.Timestamp)));
                    Assert.All(minutes, m => Assert.InRange(NewYorkTime.FromUnixMilliseconds(m.Timestamp).TimeOfDay, new LocalTime(4, 0), new LocalTime(19, 59)));
                    checkedDays++;
                }
            }
        }

        Assert.True(checkedDays > 100, $"only {checkedDays} days checked");
    }

    [Fact]
    public void Trades_OfEachMinute_RebuildItsBar()
    {
        // Given a few days of a thin and a liquid listing
        foreach (var symbol in new[] { "AAPL", ThinSymbol() })
        {
            var date = NyseCalendar.PreviousSession(new LocalDate(2024, 5, 17));
            var t0 = NewYorkTime.StartOfDayUnixMilliseconds(date);
            var t1 = NewYorkTime.StartOfDayUnixMilliseconds(date.PlusDays(1)) - 1;
            var minutes = Data.Value.Bars(symbol, BarKind.Minute, t0, t1, false, false).ToList();
            var trades = Data.Value.Trades(symbol, t0 * 1_000_000L, (t1 * 1_000_000L) + 999_999, false).ToList();

            // When trades are grouped by minute
            var byMinute = trades.GroupBy(t => t.SipTimestamp / 60_000_000_000L * 60_000L).ToDictionary(g => g.Key, g => g.ToList());

            // Then each bar's OHLC, volume and count come out of its trades, and timestamps strictly increase
            Assert.Equal(minutes.Count, byMinute.Count);
            foreach (var m in minutes)
            {
                var ts = byMinute[m.Timestamp];
                Assert.Equal(m.Open, ts[0].Price);
                Assert.Equal(m.Close, ts[^1].Price);
                Assert.Equal(m.High, ts.Max(t => t.Price));
                Assert.Equal(m.Low, ts.Min(t => t.Price));
                Assert.Equal(m.Transactions, ts.Count);
                Assert.Equal(m.Volume, ts.Sum(t => t.Size), 6);
            }

            Assert.True(trades.Zip(trades.Skip(1)).All(p => p.First.SipTimestamp < p.Second.SipTimestamp));
            Assert.All(trades, t => Assert.True(t.SipTimestamp > (1L << 53)));
        }
    }

    [Fact]
    public void Quotes_HaveBidBelowAskAndIncreasingTimes()
    {
        // Given a day of quotes
        var date = new LocalDate(2024, 5, 16);
        var t0 = NewYorkTime.StartOfDayUnixMilliseconds(date) * 1_000_000L;
        var quotes = Data.Value.Quotes("AAPL", t0, t0 + (86_400_000_000_000L - 1), false).Take(20_000).ToList();

        // When / Then
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.True(q.BidPrice < q.AskPrice, q.ToString()));
        Assert.True(quotes.Zip(quotes.Skip(1)).All(p => p.First.SipTimestamp < p.Second.SipTimestamp));
    }

    [Fact]
    public void Bars_SameMinuteFromDifferentWindows_AreIdentical()
    {
        // Given two overlapping windows
        var a = Data.Value.Bars("AAPL", BarKind.Minute, 1_715_000_000_000, 1_715_900_000_000, true, false).ToList();
        var b = Data.Value.Bars("AAPL", BarKind.Minute, 1_715_500_000_000, 1_716_500_000_000, true, true).ToList();

        // When / Then the overlap is bar-for-bar identical
        var overlap = a.Where(x => x.Timestamp >= 1_715_500_000_000).ToList();
        var fromB = b.Where(x => x.Timestamp <= 1_715_900_000_000).Reverse().ToList();
        Assert.NotEmpty(overlap);
        Assert.Equal(overlap, fromB);
    }

    [Theory]
    [InlineData(2024, 11, 29, 17)] // day after Thanksgiving: regular session ends 13:00, extended hours 17:00
    [InlineData(2024, 11, 27, 20)]
    public void MinuteBars_EarlyCloseDay_EndFourHoursAfterTheClose(int y, int m, int d, int lastHourExclusive)
    {
        // Given a liquid listing on a normal and an early-close day
        var date = new LocalDate(y, m, d);
        var t0 = NewYorkTime.StartOfDayUnixMilliseconds(date);
        var bars = Data.Value.Bars("AAPL", BarKind.Minute, t0, t0 + 86_399_999, false, false).ToList();

        // When / Then the last bar starts before the end of extended hours, and regular minutes are dense
        var times = bars.Select(b => NewYorkTime.FromUnixMilliseconds(b.Timestamp).TimeOfDay).ToList();
        Assert.True(times.Max() < new LocalTime(lastHourExclusive, 0), times.Max().ToString());
        Assert.True(times.Count(t => t >= new LocalTime(9, 30) && t < new LocalTime(13, 0)) > 150);
    }

    [Theory]
    [InlineData(2024, 11, 28)] // Thanksgiving
    [InlineData(2024, 11, 30)] // Saturday
    [InlineData(2025, 1, 9)] // Carter day of mourning
    public void Bars_OnClosedDays_DoNotExist(int y, int m, int d)
    {
        // Given a closed day / When
        var t0 = NewYorkTime.StartOfDayUnixMilliseconds(new LocalDate(y, m, d));

        // Then neither minute nor daily bars exist
        Assert.Empty(Data.Value.Bars("AAPL", BarKind.Minute, t0, t0 + 86_399_999, false, false));
        Assert.Empty(Data.Value.Bars("AAPL", BarKind.Day, t0, t0 + 86_399_999, false, false));
    }

    [Fact]
    public void ThinListing_HasManyEmptyMinutes()
    {
        // Given the thinnest sampled CS listing
        var symbol = ThinSymbol();
        var listing = Data.Value.Universe.Listings.First(l => l.Symbols[0].Symbol == symbol);
        var day = Max(listing.ListDate.PlusDays(30), new LocalDate(2010, 1, 4));
        var t0 = NewYorkTime.StartOfDayUnixMilliseconds(day);

        // When a month of minutes is read
        var bars = Data.Value.Bars(symbol, BarKind.Minute, t0, t0 + (30L * 86_400_000), false, false).Count();
        var sessions = NyseCalendar.Sessions(day, day.PlusDays(30)).Count;

        // Then far fewer than 960 bars per session exist
        Assert.InRange(bars, 0, sessions * 200);
    }

    [Fact]
    public void RawVersusAdjusted_AcrossReverseSplit_ScalesByTheRatio()
    {
        // Given a listing with a reverse split known as of the as-of date
        var l = Data.Value.Universe.Listings.First(x => x.Splits.Any(s => s.SplitTo < s.SplitFrom && s.ExecutionDate <= Data.Value.AsOf && s.ExecutionDate.Year > 2004 && x.IsListedOn(s.ExecutionDate.PlusDays(-10))) && x.Symbols.Count == 1);
        var split = l.Splits.First(s => s.SplitTo < s.SplitFrom && s.ExecutionDate.Year > 2004);
        var from = NewYorkTime.StartOfDayUnixMilliseconds(split.ExecutionDate.PlusDays(-10));
        var to = NewYorkTime.StartOfDayUnixMilliseconds(split.ExecutionDate) - 1;

        // When the days before the split are read raw and adjusted
        var raw = Data.Value.Bars(l.Symbol, BarKind.Day, from, to, false, false).ToList();
        var adj = Data.Value.Bars(l.Symbol, BarKind.Day, from, to, true, false).ToList();

        // Then adjusted = raw / factor rounded to 4 places, volumes x factor
        var factor = l.AdjustmentFactor(split.ExecutionDate.PlusDays(-1), Data.Value.AsOf);
        Assert.True(factor < 1);
        Assert.NotEmpty(raw);
        Assert.Equal(raw.Select(r => Math.Round(r.Close / factor, 4, MidpointRounding.AwayFromZero)), adj.Select(a => a.Close));
        Assert.Equal(raw.Select(r => Math.Round(r.Volume * factor, 4, MidpointRounding.AwayFromZero)), adj.Select(a => a.Volume));
    }

    private static string ThinSymbol() =>
        Data.Value.Universe.Listings.Where(l => l.Type == "CS" && l.DelistDate is null && l.Symbols.Count == 1 && l.ListDate.Year < 2015 && Data.Value.Universe.SpansOf(l.Symbol).Count == 1)
            .OrderBy(l => l.Profile.Liquidity).First().Symbol;

    private static LocalDate Max(LocalDate a, LocalDate b) => a > b ? a : b;
}
