using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>Reference facts verify compares the bars with: when each ticker traded, and its splits.</summary>
public sealed class TickerReference
{
    private readonly Dictionary<string, (LocalDate? Listed, LocalDate? Delisted)> _spans;
    private readonly Dictionary<string, List<SplitRecord>> _splits;

    /// <summary>Creates the reference from listing spans and splits.</summary>
    public TickerReference(IEnumerable<(string Ticker, LocalDate? Listed, LocalDate? Delisted)> spans, IEnumerable<SplitRecord> splits)
    {
        _spans = new Dictionary<string, (LocalDate?, LocalDate?)>(StringComparer.Ordinal);
        foreach (var (ticker, listed, delisted) in spans)
        {
            _spans[ticker] = (listed, delisted);
        }

        _splits = splits.GroupBy(s => s.Ticker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.ExecutionDate).ToList(), StringComparer.Ordinal);
    }

    /// <summary>No spans, no splits: spans come from the bars themselves.</summary>
    public static TickerReference Empty { get; } = new([], []);

    /// <summary>Tickers with a known listing span.</summary>
    public int SpanCount => _spans.Count;

    /// <summary>Splits known.</summary>
    public int SplitCount => _splits.Values.Sum(l => l.Count);

    /// <summary>List and delist dates of a ticker, when known.</summary>
    public (LocalDate? Listed, LocalDate? Delisted) SpanOf(string ticker) =>
        _spans.TryGetValue(ticker, out var span) ? span : (null, null);

    /// <summary>Splits of a ticker by execution date.</summary>
    public IReadOnlyList<SplitRecord> SplitsOf(string ticker) =>
        _splits.TryGetValue(ticker, out var list) ? list : [];
}
