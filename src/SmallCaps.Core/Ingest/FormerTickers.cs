using NodaTime;
using SmallCaps.Core.Input;
using SmallCaps.Core.Universe;
using SmallCaps.Core.Verify;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// <c>--former-tickers</c>: the vendor serves bars by symbol, so a company renamed in 2024 has no bars under its new
/// ticker before 2024. From select-universe's ticker events in the outdir, each listed ticker's security (the one
/// it named at any time) is asked under every ticker it used, each over the days it used it, a delisted one's last
/// ticker up to its delisting (bars of another security that held one of those symbols at another time are not
/// asked). A listed ticker without events is asked over the whole range.
/// </summary>
public static class FormerTickers
{
    /// <summary>Where select-universe <c>--corporate-actions</c> writes the ticker events of an outdir.</summary>
    public static string EventsFolder(string outdir) => Path.Combine(outdir, ReferenceLake.Folder, ReferenceLake.TickerEventsDataset);

    /// <summary>Plans the tickers and their dates; throws <see cref="InputException"/> when the outdir has no ticker events.</summary>
    public static FormerTickerPlan Load(string outdir, IReadOnlyList<string> tickers, IngestRange range)
    {
        var folder = EventsFolder(outdir);
        if (!ReferenceParquet.HasFiles(folder))
        {
            throw new InputException($"--former-tickers needs ticker events in {folder}: run select-universe --outdir {outdir} --corporate-actions first");
        }

        try
        {
            // A delisted security's symbol may name a later, different security: its last ticker ends at the delisting.
            var listings = SecurityListings.Read(Path.Combine(outdir, ReferenceLake.Folder, ReferenceLake.TickersDataset));
            var histories = ReferenceParquet.ReadIdentityHistories(folder, lastDays: listings.LastDays);
            var identities = new Dictionary<IReadOnlyList<(string, SymbolPeriod)>, string>(ReferenceEqualityComparer.Instance);
            foreach (var (identity, history) in histories)
            {
                identities[history] = identity;
            }

            return Expand(tickers, range, histories.Select(h => h.History).ToList(), (ticker, history) => listings.ListedAs.Contains((identities[history], ticker)));
        }
        catch (Exception ex) when (ex is Parquet.ParquetFormatException or IOException or UniverseInputException)
        {
            throw new InputException($"--former-tickers cannot read the ticker events in {folder}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Each listed ticker's security under each of its tickers, clipped to the range; dates of one ticker merged. A listed
    /// ticker's security is the history it ends (its current or last name), or one it is an earlier name of when
    /// <paramref name="listedAs"/> says a tickers list showed it naming that security on its date (a universe of a past date).
    /// </summary>
    public static FormerTickerPlan Expand(IReadOnlyList<string> tickers, IngestRange range, IReadOnlyList<IReadOnlyList<(string Ticker, SymbolPeriod Period)>> histories, Func<string, IReadOnlyList<(string Ticker, SymbolPeriod Period)>, bool>? listedAs = null)
    {
        // Only so: the symbol of an earlier name may now belong to another listed security without events of its own.
        var byTicker = histories.SelectMany(h => h.Select(p => p.Ticker).Distinct(StringComparer.Ordinal).Select(t => (Ticker: t, History: h)))
            .Where(x => x.History[^1].Ticker == x.Ticker || (listedAs is not null && listedAs(x.Ticker, x.History)))
            .ToLookup(x => x.Ticker, x => x.History, StringComparer.Ordinal);
        var followed = new HashSet<IReadOnlyList<(string Ticker, SymbolPeriod Period)>>(ReferenceEqualityComparer.Instance);
        var wanted = new Dictionary<string, List<(LocalDate From, LocalDate To)>>(StringComparer.Ordinal);
        var order = new List<string>();
        var former = new List<string>();
        var later = new List<string>();
        var skipped = new List<string>();
        var withoutEvents = 0;

        // Folder names are case-insensitive on Windows and macOS: a symbol must not share one with another ticker.
        var folders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var ticker in tickers)
        {
            folders.TryAdd(ticker, ticker);
        }

        foreach (var ticker in tickers)
        {
            Register(ticker);
            if (!byTicker.Contains(ticker))
            {
                withoutEvents++;
                Add(ticker, range.From, range.To);
                continue;
            }

            // A security two listed tickers name (its old and new ticker both listed) is followed once.
            foreach (var history in byTicker[ticker].Where(followed.Add))
            {
                // A name taken after the listed ticker's last use of it is a later one (DN renamed CYPW), else a former one.
                var lastUse = history.Select(p => p.Ticker).ToList().LastIndexOf(ticker);
                for (var i = 0; i < history.Count; i++)
                {
                    var (symbol, period) = history[i];
                    var kind = i > lastUse ? "later" : "former";

                    // Symbols become folder names: one from the vendor is held to the same rules as one from the CSV.
                    if (TickerRules.Problem(symbol) is { } problem)
                    {
                        skipped.Add($"{symbol} (a {kind} ticker of {ticker}) {problem}");
                        continue;
                    }

                    if (!folders.TryAdd(symbol, symbol) && folders[symbol] != symbol)
                    {
                        skipped.Add($"{symbol} (a {kind} ticker of {ticker}) differs only in case from {folders[symbol]}, and Windows and macOS would give both one folder");
                        continue;
                    }

                    var from = period.From is { } f && f > range.From ? f : range.From;
                    var to = period.To is { } t && t < range.To ? t : range.To;
                    if (from > to)
                    {
                        continue;
                    }

                    Add(symbol, from, to);
                    if (symbol != ticker)
                    {
                        (i > lastUse ? later : former).Add($"{symbol} for {ticker} {Calendar.IsoDate.Format(from)}..{Calendar.IsoDate.Format(to)}");
                    }
                }
            }
        }

        var ranges = order.SelectMany(t => Union(wanted[t]).Select(r => new TickerRange(t, r.From, r.To))).ToList();
        return new FormerTickerPlan(ranges, order, former, skipped, withoutEvents) { Later = later };

        void Add(string ticker, LocalDate from, LocalDate to) => Register(ticker).Add((from, to));

        // Listed tickers come first, in the CSV's order, even one with no days in the range.
        List<(LocalDate From, LocalDate To)> Register(string ticker)
        {
            if (!wanted.TryGetValue(ticker, out var list))
            {
                wanted[ticker] = list = [];
                order.Add(ticker);
            }

            return list;
        }
    }

    // Overlapping or touching date ranges of one ticker become one, so its windows never overlap within a run.
    private static List<(LocalDate From, LocalDate To)> Union(List<(LocalDate From, LocalDate To)> ranges)
    {
        var merged = new List<(LocalDate From, LocalDate To)>();
        foreach (var (from, to) in ranges.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && from <= merged[^1].To.PlusDays(1))
            {
                merged[^1] = (merged[^1].From, to > merged[^1].To ? to : merged[^1].To);
            }
            else
            {
                merged.Add((from, to));
            }
        }

        return merged;
    }
}

/// <summary>What <see cref="FormerTickers"/> asks for.</summary>
/// <param name="Ranges">Every ticker with its dates (a ticker may have several disjoint ranges).</param>
/// <param name="Tickers">The tickers asked, listed ones first.</param>
/// <param name="Former">One line per former ticker added: <c>FB for META 2012-05-18..2022-06-08</c>.</param>
/// <param name="Skipped">Former or later tickers not usable as folder names, with the reason.</param>
/// <param name="WithoutEvents">Listed tickers the events do not know, asked over the whole range.</param>
public sealed record FormerTickerPlan(IReadOnlyList<TickerRange> Ranges, IReadOnlyList<string> Tickers, IReadOnlyList<string> Former, IReadOnlyList<string> Skipped, int WithoutEvents)
{
    /// <summary>One line per later ticker added (a listed ticker that is an earlier name of its security): <c>CYPW for DN 2024-09-26..2026-06-30</c>.</summary>
    public IReadOnlyList<string> Later { get; init; } = [];
}
