using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Simulator.Endpoints;
using SmallCaps.Simulator.Market;

namespace SmallCaps.Simulator.Truth;

/// <summary>
/// The rows the simulator serves, from the same generators, for assertions: bars (raw or split-adjusted as of
/// <see cref="AsOf"/>), trades, quotes, tickers and splits. Everything is lazy: nothing holds a whole history.
/// </summary>
public sealed class GroundTruth
{
    private readonly MarketData _market;

    internal GroundTruth(MarketData market) => _market = market;

    /// <summary>Creates the ground truth of a configuration without starting a server (same data as a host with these options).</summary>
    public static GroundTruth For(SimulatorOptions options) =>
        new(new MarketData(options.Seed, options.UniverseSize, options.AsOf, options.DataStart, options.IncludeWellKnownTickers));

    /// <summary>"Today" of the market: the last day with data and the reference of split adjustment.</summary>
    public LocalDate AsOf => _market.AsOf;

    /// <summary>First day with data.</summary>
    public LocalDate DataStart => _market.DataStart;

    /// <summary>True when the symbol ever existed (the API answers 404 otherwise).</summary>
    public bool IsKnown(string ticker) => _market.Universe.IsKnown(ticker);

    /// <summary>Every listing visible on the as-of date (active and delisted), with the symbol it shows then.</summary>
    public IReadOnlyList<SimTicker> Tickers() => Tickers(AsOf);

    /// <summary>
    /// Listings visible on <paramref name="date"/> (not after the as-of date), as /v3/reference/tickers?date= lists them:
    /// active = listed that day, otherwise delisted on or before it; symbol and market cap as served for that date.
    /// </summary>
    public IReadOnlyList<SimTicker> Tickers(LocalDate date)
    {
        if (date > AsOf)
        {
            date = AsOf;
        }

        var list = new List<SimTicker>();
        foreach (var l in _market.Universe.Listings)
        {
            if (l.ListDate > date)
            {
                continue;
            }

            var active = l.IsListedOn(date);
            var symbol = ReferenceFormat.SymbolShown(l, date);
            var previous = l.Symbols.Where(p => p.From <= date).Select(p => p.Symbol).Where(s => s != symbol).ToArray();
            var cap = _market.MarketCap(l, date) ?? 0;
            list.Add(new SimTicker(symbol, l.Name, l.Type, l.Market, l.PrimaryExchange, active, l.CompositeFigi, l.ListDate, active ? null : l.DelistDate, cap, previous,
                l.Cik, l.ShareClassFigi, l.Type == "CS" ? l.SicCode : null, l.Type == "CS" ? l.SicDescription : null, MarketData.SharesOn(l, date)));
        }

        return list;
    }

    /// <summary>Splits of a symbol known on the as-of date, oldest first.</summary>
    public IReadOnlyList<SimSplit> Splits(string ticker) =>
        SplitsEndpoint.Of(_market, ticker).Select(x => new SimSplit(x.Ticker, x.Split.ExecutionDate, x.Split.SplitFrom, x.Split.SplitTo)).ToList();

    /// <summary>Bars of New York dates <paramref name="from"/>..<paramref name="to"/> inclusive, ascending.</summary>
    public IEnumerable<SimBar> Bars(string ticker, SimDataset dataset, LocalDate from, LocalDate to, bool adjusted = true) =>
        Bars(ticker, dataset, NewYorkTime.StartOfDayUnixMilliseconds(from), NewYorkTime.StartOfDayUnixMilliseconds(to.PlusDays(1)) - 1, adjusted);

    /// <summary>Bars whose window start is in [fromMs, toMs], ascending.</summary>
    public IEnumerable<SimBar> Bars(string ticker, SimDataset dataset, long fromMs, long toMs, bool adjusted = true) => dataset switch
    {
        SimDataset.MinuteBars => _market.Bars(ticker, BarKind.Minute, fromMs, toMs, adjusted, descending: false),
        SimDataset.DayBars => _market.Bars(ticker, BarKind.Day, fromMs, toMs, adjusted, descending: false),
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Bars are MinuteBars or DayBars."),
    };

    /// <summary>Trades of New York dates from..to inclusive, ascending by sip_timestamp.</summary>
    public IEnumerable<SimTrade> Trades(string ticker, LocalDate from, LocalDate to) =>
        _market.Trades(ticker, StartNs(from), StartNs(to.PlusDays(1)) - 1, descending: false);

    /// <summary>Trades with sip_timestamp in [fromNs, toNs], ascending.</summary>
    public IEnumerable<SimTrade> Trades(string ticker, long fromNs, long toNs) => _market.Trades(ticker, fromNs, toNs, descending: false);

    /// <summary>Quotes of New York dates from..to inclusive, ascending by sip_timestamp.</summary>
    public IEnumerable<SimQuote> Quotes(string ticker, LocalDate from, LocalDate to) =>
        _market.Quotes(ticker, StartNs(from), StartNs(to.PlusDays(1)) - 1, descending: false);

    /// <summary>Quotes with sip_timestamp in [fromNs, toNs], ascending.</summary>
    public IEnumerable<SimQuote> Quotes(string ticker, long fromNs, long toNs) => _market.Quotes(ticker, fromNs, toNs, descending: false);

    /// <summary>Writes the exact expected rows as CSV (invariant, shortest round-trip numbers); returns the row count.</summary>
    public long WriteCsv(TextWriter writer, string ticker, SimDataset dataset, LocalDate from, LocalDate to, bool adjusted = true)
    {
        var c = CultureInfo.InvariantCulture;
        long rows = 0;
        switch (dataset)
        {
            case SimDataset.MinuteBars or SimDataset.DayBars:
                writer.WriteLine("t,o,h,l,c,v,vw,n");
                foreach (var b in Bars(ticker, dataset, from, to, adjusted))
                {
                    writer.WriteLine(string.Create(c, $"{b.Timestamp},{b.Open:R},{b.High:R},{b.Low:R},{b.Close:R},{b.Volume:R},{b.VolumeWeighted:R},{b.Transactions}"));
                    rows++;
                }

                break;
            case SimDataset.Trades:
                writer.WriteLine("sip_timestamp,participant_timestamp,trf_timestamp,price,size,exchange,id,sequence_number,tape,conditions,trf_id");
                foreach (var t in Trades(ticker, from, to))
                {
                    var conditions = t.Conditions is null ? "" : string.Join(' ', t.Conditions);
                    writer.WriteLine(string.Create(c, $"{t.SipTimestamp},{t.ParticipantTimestamp},{t.TrfTimestamp},{t.Price:R},{t.Size:R},{t.Exchange},{t.Id},{t.SequenceNumber},{t.Tape},{conditions},{t.TrfId}"));
                    rows++;
                }

                break;
            case SimDataset.Quotes:
                writer.WriteLine("sip_timestamp,participant_timestamp,bid_price,bid_size,bid_exchange,ask_price,ask_size,ask_exchange,sequence_number,tape");
                foreach (var q in Quotes(ticker, from, to))
                {
                    writer.WriteLine(string.Create(c, $"{q.SipTimestamp},{q.ParticipantTimestamp},{q.BidPrice:R},{q.BidSize:R},{q.BidExchange},{q.AskPrice:R},{q.AskSize:R},{q.AskExchange},{q.SequenceNumber},{q.Tape}"));
                    rows++;
                }

                break;
        }

        return rows;
    }

    private static long StartNs(LocalDate d) => NewYorkTime.StartOfDayUnixMilliseconds(d) * 1_000_000L;
}
