using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>Reference facts verify compares the bars with: when each ticker traded, its splits and its ticker changes.</summary>
public sealed class TickerReference
{
    private readonly Dictionary<string, ListingSpan> _spans;
    private readonly Dictionary<string, List<SplitRecord>> _splits;
    private readonly Dictionary<string, List<SymbolPeriod>> _periods;

    /// <summary>Creates the reference from listing spans, splits and, when known, the periods each ticker named a security.</summary>
    public TickerReference(
        IEnumerable<(string Ticker, LocalDate? Listed, LocalDate? Delisted)> spans,
        IEnumerable<SplitRecord> splits,
        IEnumerable<(string Ticker, SymbolPeriod Period)>? periods = null)
        : this(spans.Select(s => (s.Ticker, new ListingSpan(s.Listed, s.Delisted))), splits, periods, new Dictionary<string, string>())
    {
    }

    /// <summary>Creates the reference from listing facts in source order (a later fact replaces an earlier one only when it has a value).</summary>
    internal TickerReference(
        IEnumerable<(string Ticker, ListingSpan Span)> listings,
        IEnumerable<SplitRecord> splits,
        IEnumerable<(string Ticker, SymbolPeriod Period)>? periods,
        IReadOnlyDictionary<string, string> unreadable)
    {
        _spans = new Dictionary<string, ListingSpan>(StringComparer.Ordinal);
        foreach (var (ticker, span) in listings)
        {
            // A universe CSV of tickers only must not erase the dates the lake knows.
            _spans[ticker] = _spans.TryGetValue(ticker, out var known) ? known.MergedWith(span) : span;
        }

        _splits = splits.GroupBy(s => s.Ticker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.ExecutionDate).ToList(), StringComparer.Ordinal);
        _periods = (periods ?? []).GroupBy(p => p.Ticker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Period).ToList(), StringComparer.Ordinal);
        Unreadable = unreadable;
    }

    /// <summary>No spans, no splits: spans come from the bars themselves.</summary>
    public static TickerReference Empty { get; } = new([], []);

    /// <summary>Tickers with a known listing fact (list date, delisting, active).</summary>
    public int SpanCount => _spans.Values.Count(s => s.IsKnown);

    /// <summary>Splits known.</summary>
    public int SplitCount => _splits.Values.Sum(l => l.Count);

    /// <summary>Tickers whose ticker_change events are known.</summary>
    public int PeriodTickerCount => _periods.Count;

    /// <summary>Reference files left out because they could not be read (outdir-relative path, reason).</summary>
    internal IReadOnlyDictionary<string, string> Unreadable { get; }

    /// <summary>List and delist dates of a ticker, when known.</summary>
    public (LocalDate? Listed, LocalDate? Delisted) SpanOf(string ticker) =>
        _spans.TryGetValue(ticker, out var span) ? (span.Listed, span.LastTraded) : (null, null);

    /// <summary>Everything the reference says about when a ticker traded.</summary>
    public ListingSpan ListingOf(string ticker) => _spans.GetValueOrDefault(ticker);

    /// <summary>Splits of a ticker by execution date.</summary>
    public IReadOnlyList<SplitRecord> SplitsOf(string ticker) =>
        _splits.TryGetValue(ticker, out var list) ? list : [];

    /// <summary>The periods the ticker named a security (empty when no ticker_change events mention it).</summary>
    public IReadOnlyList<SymbolPeriod> PeriodsOf(string ticker) =>
        _periods.TryGetValue(ticker, out var list) ? list : [];
}
