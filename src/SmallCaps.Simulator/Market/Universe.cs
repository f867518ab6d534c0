using System.Collections.Frozen;
using NodaTime;

namespace SmallCaps.Simulator.Market;

/// <summary>The generated listings with a symbol index (symbols are reused and renamed over time).</summary>
internal sealed class Universe
{
    private readonly FrozenDictionary<string, SymbolSpan[]> _bySymbol;

    public Universe(IReadOnlyList<Listing> listings)
    {
        Listings = listings;
        var map = new Dictionary<string, List<SymbolSpan>>(StringComparer.Ordinal);
        foreach (var l in listings)
        {
            for (var i = 0; i < l.Symbols.Count; i++)
            {
                var from = l.Symbols[i].From;
                var to = i + 1 < l.Symbols.Count ? l.Symbols[i + 1].From : l.DelistDate ?? LocalDate.MaxIsoValue;
                if (!map.TryGetValue(l.Symbols[i].Symbol, out var spans))
                {
                    map[l.Symbols[i].Symbol] = spans = [];
                }

                spans.Add(new SymbolSpan(l, from, to));
            }
        }

        _bySymbol = map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.OrderBy(s => s.From).ThenBy(s => s.Listing.Id).ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<Listing> Listings { get; }

    public bool IsKnown(string symbol) => _bySymbol.ContainsKey(symbol);

    public IReadOnlyList<SymbolSpan> SpansOf(string symbol) => _bySymbol.TryGetValue(symbol, out var s) ? s : [];

    /// <summary>The listing that traded under <paramref name="symbol"/> on <paramref name="date"/> (lowest id when duplicated).</summary>
    public Listing? Resolve(string symbol, LocalDate date)
    {
        if (!_bySymbol.TryGetValue(symbol, out var spans))
        {
            return null;
        }

        foreach (var s in spans)
        {
            if (date >= s.From && date < s.To)
            {
                return s.Listing;
            }
        }

        return null;
    }

    /// <summary>The listing a symbol names as of a date: the one trading then, else the most recent one before it.</summary>
    public Listing? ResolveLatest(string symbol, LocalDate date)
    {
        if (!_bySymbol.TryGetValue(symbol, out var spans))
        {
            return null;
        }

        Listing? best = null;
        foreach (var s in spans)
        {
            if (s.From <= date)
            {
                best = s.Listing;
                if (date < s.To)
                {
                    return best;
                }
            }
        }

        return best;
    }
}
