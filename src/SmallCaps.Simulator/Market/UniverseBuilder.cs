using NodaTime;

namespace SmallCaps.Simulator.Market;

/// <summary>Generates the listing universe from a seed: types, exchanges, lifetimes, symbols, renames, splits, dividends.</summary>
internal static class UniverseBuilder
{
    /// <summary>Listings are generated up to this date whatever the as-of date; later events stay invisible.</summary>
    public static readonly LocalDate Horizon = new(2027, 12, 31);

    private static readonly LocalDate EarliestList = new(1985, 1, 2);
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string FigiChars = "0123456789BCDFGHJKLMNPQRSTVWXYZ";
    private static readonly string[] Syllables = ["al", "ber", "cor", "dyn", "en", "fax", "gen", "hel", "ion", "jet", "kin", "lum", "mar", "nov", "or", "pax", "quan", "ros", "sol", "tek", "ul", "ver", "wex", "xen", "yor", "zen"];
    private static readonly string[] Suffixes = ["Inc.", "Corp.", "Holdings, Inc.", "Ltd.", "Group Inc.", "Therapeutics, Inc.", "Bancorp", "Technologies Inc.", "Energy Corp.", "Pharmaceuticals, Inc."];
    private static readonly (string Code, string Description)[] Sics =
    [
        ("2834", "PHARMACEUTICAL PREPARATIONS"), ("6022", "STATE COMMERCIAL BANKS"), ("7372", "SERVICES-PREPACKAGED SOFTWARE"),
        ("1311", "CRUDE PETROLEUM & NATURAL GAS"), ("3674", "SEMICONDUCTORS & RELATED DEVICES"), ("6798", "REAL ESTATE INVESTMENT TRUSTS"),
        ("2836", "BIOLOGICAL PRODUCTS, (NO DIAGNOSTIC SUBSTANCES)"), ("3841", "SURGICAL & MEDICAL INSTRUMENTS & APPARATUS"),
    ];

    public static List<Listing> Build(long seed, int size, bool includeWellKnown)
    {
        var s = (ulong)seed;
        var listings = new List<Listing>(size + 2);
        var activeSymbols = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
        var figis = new HashSet<string>(StringComparer.Ordinal);
        var reusable = new List<(string Symbol, LocalDate FreeFrom)>();
        if (includeWellKnown)
        {
            foreach (var w in WellKnownListings.Create(0))
            {
                listings.Add(w);
                foreach (var p in w.Symbols)
                {
                    activeSymbols[p.Symbol] = LocalDate.MaxIsoValue;
                }
            }
        }

        var spanDays = Period.Between(EarliestList, Horizon, PeriodUnits.Days).Days;
        for (var i = listings.Count; i < size; i++)
        {
            ulong H(ulong salt) => Mix.Hash(s, (ulong)i, salt);
            var (type, market, exchange) = PickType(Mix.Unit(H(1)), Mix.Unit(H(2)));
            var listDate = NextWeekday(EarliestList.PlusDays((int)(Mix.Unit(H(3)) * spanDays)));
            LocalDate? delist = null;
            if (Mix.Unit(H(4)) < 0.38)
            {
                var life = Period.Between(listDate, Horizon, PeriodUnits.Days).Days;
                var d = NextWeekday(listDate.PlusDays(120 + (int)(Mix.Unit(H(5)) * Math.Max(1, life - 120))));
                delist = d < Horizon ? d : null;
            }

            var end = delist ?? Horizon;

            // A delisted symbol may come back for a new company: the vendor lists both under the same ticker.
            string symbol;
            if (reusable.Count > 0 && Mix.Unit(H(6)) < 0.05 && reusable[Mix.Below(H(7), reusable.Count)] is var reuse && reuse.FreeFrom < listDate
                && activeSymbols.TryGetValue(reuse.Symbol, out var busyUntil) && busyUntil < listDate)
            {
                symbol = reuse.Symbol;
            }
            else
            {
                symbol = UniqueSymbol(type, H(8), activeSymbols);
            }

            // A few symbols are listed twice at once, as in the vendor's reference data.
            var duplicate = Mix.Unit(H(9)) < 0.004 && listings.Count > 10;
            if (duplicate)
            {
                var other = listings[Mix.Below(H(10), listings.Count)];
                if (other.Type == type && other.DelistDate is null && other.Symbols.Count == 1)
                {
                    symbol = other.Symbol;
                }
            }

            var symbols = new List<SymbolPeriod> { new(listDate, symbol) };
            activeSymbols[symbol] = end;
            var lifeDays = Period.Between(listDate, end, PeriodUnits.Days).Days;
            if (Mix.Unit(H(11)) < 0.06 && lifeDays > 400)
            {
                var renameDate = NextWeekday(listDate.PlusDays(200 + (int)(Mix.Unit(H(12)) * (lifeDays - 300))));
                var newSymbol = UniqueSymbol(type, H(13), activeSymbols);
                activeSymbols[newSymbol] = end;
                symbols.Add(new SymbolPeriod(renameDate, newSymbol));
                activeSymbols[symbol] = renameDate;
                reusable.Add((symbol, renameDate));
            }

            if (delist is { } dl)
            {
                reusable.Add((symbols[^1].Symbol, dl));
            }

            var profile = Profile(type, H(14), H(15), H(16), H(17));
            var splits = Splits(i, type, listDate, end, H(18));
            var dividends = Dividends(i, type, listDate, end, H(19), profile);
            var sic = Sics[Mix.Below(H(20), Sics.Length)];
            listings.Add(new Listing
            {
                Id = i,
                Name = CompanyName(type, H(21)),
                Type = type,
                Market = market,
                PrimaryExchange = exchange,
                Cik = Mix.Unit(H(22)) < 0.7 ? ((Mix.Hash(H(23)) % 1_900_000) + 1000).ToString("D10", System.Globalization.CultureInfo.InvariantCulture) : null,
                CompositeFigi = Figi(H(24), figis),
                ShareClassFigi = Figi(H(25), figis),
                ListDate = listDate,
                DelistDate = delist,
                Symbols = symbols,
                Splits = splits,
                Dividends = dividends,
                Profile = profile,
                SicCode = type == "CS" && Mix.Unit(H(26)) < 0.8 ? sic.Code : null,
                SicDescription = type == "CS" && Mix.Unit(H(26)) < 0.8 ? sic.Description : null,
                TotalEmployees = type == "CS" && Mix.Unit(H(27)) < 0.6 ? 10 + (int)(Math.Exp(Mix.Normal(H(28)) * 1.5) * 300) : null,
            });
        }

        return listings;
    }

    private static (string Type, string Market, string? Exchange) PickType(double u, double v)
    {
        // About 40% of the universe is CS on XNAS/XNYS; the rest mirrors the vendor's mix of other types and venues.
        if (u < 0.40)
        {
            return ("CS", "stocks", v < 0.6 ? "XNAS" : "XNYS");
        }

        if (u < 0.46)
        {
            return ("CS", "stocks", "XASE");
        }

        if (u < 0.56)
        {
            return ("CS", "otc", null);
        }

        if (u < 0.70)
        {
            return ("ETF", "stocks", v < 0.5 ? "ARCX" : v < 0.8 ? "BATS" : "XNAS");
        }

        string[] others = ["PFD", "WARRANT", "RIGHT", "UNIT", "ADRC", "ETN", "SP", "FUND"];
        double[] cut = [0.77, 0.84, 0.86, 0.90, 0.95, 0.97, 0.99, 1.0];
        var k = Array.FindIndex(cut, c => u < c);
        var t = others[k < 0 ? 0 : k];
        return (t, "stocks", v < 0.45 ? "XNAS" : v < 0.85 ? "XNYS" : "ARCX");
    }

    private static PriceProfile Profile(string type, ulong h1, ulong h2, ulong h3, ulong h4)
    {
        // Market caps are log-normal around $350M so most common stocks are under $2B.
        var cap = Math.Exp(Math.Log(350e6) + (1.6 * Mix.Normal(h1)));
        var price = Math.Clamp(Math.Exp(Math.Log(9) + Mix.Normal(h2)), 0.25, 900);
        if (type is "WARRANT" or "RIGHT")
        {
            price = Math.Clamp(price / 10, 0.02, 5);
        }

        var shares = (long)Math.Max(100_000, cap / price);
        var turnover = Math.Exp(Math.Log(0.004) + (0.8 * Mix.Normal(h3)));
        var adv = Math.Max(200, shares * turnover);
        var dollarVolume = adv * price;
        var liquidity = Math.Clamp((Math.Log10(dollarVolume) - 3.5) / 4.0, 0.02, 1.0);
        var tradesPerMinute = Math.Clamp(dollarVolume / 780_000, 1.0, 300.0);
        var vol = 0.015 + (0.05 * Mix.Unit(h4) * (1.2 - liquidity));
        return new PriceProfile(Math.Log(price), vol, adv, liquidity, tradesPerMinute, shares);
    }

    private static List<SplitEvent> Splits(int id, string type, LocalDate list, LocalDate end, ulong h)
    {
        var splits = new List<SplitEvent>();
        if (type is not ("CS" or "ADRC" or "ETF"))
        {
            return splits;
        }

        var u = Mix.Unit(h);
        var count = u < 0.16 ? 1 : u < 0.22 ? 2 : 0;
        var life = Period.Between(list, end, PeriodUnits.Days).Days;
        if (life < 90)
        {
            return splits;
        }

        (int From, int To)[] kinds = [(1, 2), (2, 3), (1, 3), (10, 1), (5, 1), (20, 1), (3, 1), (50, 1)];
        for (var k = 0; k < count; k++)
        {
            var date = NextWeekday(list.PlusDays(30 + (int)(Mix.Unit(Mix.Hash(h, (ulong)k, 1)) * (life - 60))));
            var (from, to) = kinds[Mix.Below(Mix.Hash(h, (ulong)k, 2), kinds.Length)];
            if (splits.All(x => x.ExecutionDate != date))
            {
                splits.Add(new SplitEvent($"E{Mix.Hash(h, (ulong)k, 3):x16}", date, from, to));
            }
        }

        splits.Sort((a, b) => a.ExecutionDate.CompareTo(b.ExecutionDate));
        return splits;
    }

    private static List<DividendEvent> Dividends(int id, string type, LocalDate list, LocalDate end, ulong h, PriceProfile profile)
    {
        var list2 = new List<DividendEvent>();
        if (type is not ("CS" or "PFD" or "ETF") || Mix.Unit(h) > 0.3)
        {
            return list2;
        }

        // Quarterly payers from a start year on; amounts about 0.5% of the price level per quarter.
        var start = list.PlusDays(365 + (int)(Mix.Unit(Mix.Hash(h, 1)) * 2000));
        var amount = Math.Round(Math.Exp(profile.LogPrice) * 0.005 * (0.5 + Mix.Unit(Mix.Hash(h, 2))), 4, MidpointRounding.AwayFromZero);
        var n = 0;
        for (var ex = NextWeekday(start); ex < end; ex = NextWeekday(ex.PlusMonths(3)), n++)
        {
            list2.Add(new DividendEvent(
                $"E{Mix.Hash(h, (ulong)n, 3):x16}",
                Math.Max(0.0001, amount),
                ex.PlusDays(-30),
                ex,
                ex.PlusDays(1),
                ex.PlusDays(18),
                4,
                "CD"));
        }

        return list2;
    }

    private static string UniqueSymbol(string type, ulong h, Dictionary<string, LocalDate> taken)
    {
        for (ulong attempt = 0; ; attempt++)
        {
            var hh = Mix.Hash(h, attempt);
            var len = 1 + Mix.Below(hh, attempt < 20 ? 4 : 5);
            var chars = new char[len];
            for (var c = 0; c < len; c++)
            {
                chars[c] = Letters[Mix.Below(Mix.Hash(hh, (ulong)c), 26)];
            }

            var root = new string(chars);
            var symbol = type switch
            {
                "WARRANT" => root + "W",
                "RIGHT" => root + "R",
                "UNIT" => root + "U",
                "PFD" => root + "p" + Letters[Mix.Below(Mix.Hash(hh, 99), 26)],
                "CS" when Mix.Unit(Mix.Hash(hh, 98)) < 0.01 => root + "." + (Mix.Unit(Mix.Hash(hh, 97)) < 0.5 ? "A" : "B"),
                _ => root,
            };
            if (!taken.ContainsKey(symbol))
            {
                return symbol;
            }
        }
    }

    private static string CompanyName(string type, ulong h)
    {
        var a = Syllables[Mix.Below(h, Syllables.Length)];
        var b = Syllables[Mix.Below(Mix.Hash(h, 1), Syllables.Length)];
        var stem = char.ToUpperInvariant(a[0]) + a[1..] + b;
        return type switch
        {
            "ETF" => $"{stem} Sector ETF",
            "ETN" => $"{stem} Linked ETN",
            "WARRANT" => $"{stem} Acquisition Corp. Warrants",
            "RIGHT" => $"{stem} Acquisition Corp. Rights",
            "UNIT" => $"{stem} Acquisition Corp. Units",
            "PFD" => $"{stem} Financial Corp. Preferred Series A",
            "ADRC" => $"{stem} Ltd. American Depositary Shares",
            "FUND" => $"{stem} Income Fund",
            "SP" => $"{stem} Structured Notes",
            _ => $"{stem} {Suffixes[Mix.Below(Mix.Hash(h, 2), Suffixes.Length)]}",
        };
    }

    private static string Figi(ulong h, HashSet<string> taken)
    {
        for (ulong attempt = 0; ; attempt++)
        {
            var chars = new char[12];
            chars[0] = 'B';
            chars[1] = 'B';
            chars[2] = 'G';
            for (var c = 3; c < 12; c++)
            {
                chars[c] = FigiChars[Mix.Below(Mix.Hash(h, attempt, (ulong)c), FigiChars.Length)];
            }

            var figi = new string(chars);
            if (taken.Add(figi))
            {
                return figi;
            }
        }
    }

    private static LocalDate NextWeekday(LocalDate d) => d.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => d.PlusDays(2),
        IsoDayOfWeek.Sunday => d.PlusDays(1),
        _ => d,
    };
}
