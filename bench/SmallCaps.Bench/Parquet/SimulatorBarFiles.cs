using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Simulator.Market;

namespace SmallCaps.Bench.Parquet;

/// <summary>`bar-files --data sim [--universe 3000]`: a year (2024) of adjusted minute bars of four simulator listings (seed 42), one per price level (under $1, $1-5, $5-20, over $20), the most liquid common stock of each.</summary>
internal static class SimulatorBarFiles
{
    public static BarFileData[] Load(int universeSize)
    {
        var market = new MarketData(42, universeSize, new LocalDate(2026, 6, 30), new LocalDate(2003, 1, 2), includeWellKnown: true);
        var from = new LocalDate(2024, 1, 1);
        var to = new LocalDate(2024, 12, 31);
        var fromMs = NewYorkTime.StartOfDayUnixMilliseconds(from);
        var toMs = NewYorkTime.StartOfDayUnixMilliseconds(to.PlusDays(1)) - 1;
        double[] levels = [1, 5, 20, double.MaxValue];
        var picked = new Listing?[levels.Length];
        foreach (var listing in market.Universe.Listings)
        {
            if (listing.Type != "CS" || !listing.IsListedOn(from) || !listing.IsListedOn(to) || listing.Symbols.Count != 1)
            {
                continue;
            }

            var level = Array.FindIndex(levels, l => Math.Exp(listing.Profile.LogPrice) < l);
            if (picked[level] is null || picked[level]!.Profile.Liquidity < listing.Profile.Liquidity)
            {
                picked[level] = listing;
            }
        }

        var data = new List<BarFileData>();
        foreach (var listing in picked.OfType<Listing>())
        {
            var bars = market.Bars(listing.Symbol, BarKind.Minute, fromMs, toMs, adjusted: true, descending: false).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sim {listing.Symbol}: {bars.Count:N0} bars, ~${Math.Exp(listing.Profile.LogPrice):F2}, liquidity {listing.Profile.Liquidity:F2}, e.g. {bars[bars.Count / 2]}"));
            data.Add(new BarFileData(listing.Symbol, bars));
        }

        return [.. data];
    }
}
