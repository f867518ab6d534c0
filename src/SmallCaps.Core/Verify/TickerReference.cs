using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>Reference facts verify compares the bars with: when each ticker traded, its splits and its ticker changes.</summary>
public sealed class TickerReference
{
    private readonly Dictionary<string, (LocalDate? Listed, LocalDate? Delisted)> _spans;
    private readonly Dictionary<string, List<SplitRecord>> _splits;
    private readonly Dictionary<string, List<SymbolPeriod>> _periods;

    /// <summary>Creates the reference from listing spans, splits and, when known, the periods each ticker named a security.</summary>
    public TickerReference(
        IEnumerable<(string Ticker, LocalDate? Listed, LocalDate? Delisted)> spans,
        IEnumerable<SplitRecord> splits,
        IEnumerable<(string Ticker, SymbolPeriod Period)>? periods = null)
    {
        _spans = new Dictionary<string, (LocalDate?, LocalDate?)>(StringComparer.Ordinal);
        foreach (var (ticker, listed, delisted) in spans)
        {
            _spans[ticker] = (listed, delisted);
        }

        _splits = splits.GroupBy(s => s.Ticker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.ExecutionDate).ToList(), StringComparer.Ordinal);
        _periods = (periods ?? []).GroupBy(p => p.Ticker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Period).ToList(), StringComparer.Ordinal);
    }

    /// <summary>No spans, no splits: spans come from the bars themselves.</summary>
    public static TickerReference Empty { get; } = new([], []);

    /// <summary>Tickers with a known listing span.</summary>
    public int SpanCount => _spans.Count;

    /// <summary>Splits known.</summary>
    public int SplitCount => _splits.Values.Sum(l => l.Count);

    /// <summary>Tickers whose ticker_change events are known.</summary>
    public int PeriodTickerCount => _periods.Count;

    /// <summary>List and delist dates of a ticker, when known.</summary>
    public (LocalDate? Listed, LocalDate? Delisted) SpanOf(string ticker) =>
        _spans.TryGetValue(ticker, out var span) ? span : (null, null);

    /// <summary>Splits of a ticker by execution date.</summary>
    public IReadOnlyList<SplitRecord> SplitsOf(string ticker) =>
        _splits.TryGetValue(ticker, out var list) ? list : [];

    /// <summary>The periods the ticker named a security (empty when no ticker_change events mention it).</summary>
    public IReadOnlyList<SymbolPeriod> PeriodsOf(string ticker) =>
        _periods.TryGetValue(ticker, out var list) ? list : [];
}
