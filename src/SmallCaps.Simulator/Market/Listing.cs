using NodaTime;

namespace SmallCaps.Simulator.Market;

/// <summary>One security of the simulated universe with its lifetime, symbols, corporate actions and price profile.</summary>
internal sealed class Listing
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    public required string Type { get; init; }

    public required string Market { get; init; }

    public string? PrimaryExchange { get; init; }

    public string? Cik { get; init; }

    public required string CompositeFigi { get; init; }

    public required string ShareClassFigi { get; init; }

    public required LocalDate ListDate { get; init; }

    public LocalDate? DelistDate { get; init; }

    /// <summary>Symbols over time, ascending; the first starts at <see cref="ListDate"/>.</summary>
    public required IReadOnlyList<SymbolPeriod> Symbols { get; init; }

    /// <summary>All splits ever generated, ascending (those after the as-of date are not yet known).</summary>
    public required IReadOnlyList<SplitEvent> Splits { get; init; }

    public required IReadOnlyList<DividendEvent> Dividends { get; init; }

    public required PriceProfile Profile { get; init; }

    public string? SicCode { get; init; }

    public string? SicDescription { get; init; }

    public int? TotalEmployees { get; init; }

    public bool IsOtc => Market == "otc";

    /// <summary>The last symbol (as of the end of its life or the as-of date).</summary>
    public string Symbol => Symbols[^1].Symbol;

    public bool IsListedOn(LocalDate date) => date >= ListDate && (DelistDate is not { } d || date < d);

    public string SymbolOn(LocalDate date)
    {
        var s = Symbols[0].Symbol;
        foreach (var p in Symbols)
        {
            if (p.From <= date)
            {
                s = p.Symbol;
            }
        }

        return s;
    }

    /// <summary>Product of split ratios with execution date after <paramref name="date"/>: raw = economic price × this.</summary>
    public double RawFactor(LocalDate date)
    {
        var f = 1.0;
        foreach (var s in Splits)
        {
            if (s.ExecutionDate > date)
            {
                f *= s.Ratio;
            }
        }

        return f;
    }

    /// <summary>Product of split ratios in (date, asOf]: adjusted price = raw / this, adjusted volume = raw × this.</summary>
    public double AdjustmentFactor(LocalDate date, LocalDate asOf)
    {
        var f = 1.0;
        foreach (var s in Splits)
        {
            if (s.ExecutionDate > date && s.ExecutionDate <= asOf)
            {
                f *= s.Ratio;
            }
        }

        return f;
    }
}
