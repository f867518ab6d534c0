using NodaTime;
using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>One identity that passed the type, exchange and delisted filters, with what details add to it.</summary>
internal sealed class UniverseCandidate
{
    public required TickerRecord Listing { get; init; }

    /// <summary>The identity key (see <see cref="IdentityRule"/>).</summary>
    public required string Identity { get; set; }

    /// <summary>True when the name was listed on the universe date.</summary>
    public required bool Active { get; init; }

    public LocalDate? DelistedDate { get; init; }

    /// <summary>The date its market cap is taken at: the universe date, or the last session before delisting.</summary>
    public required LocalDate CapDate { get; init; }

    /// <summary>Symbols of the identity over time, oldest first.</summary>
    public List<TickerInterval> Tickers { get; } = [];

    public TickerRecord? Details { get; set; }

    public string Ticker => Listing.Ticker;

    public double? MarketCap => Details?.MarketCap ?? Listing.MarketCap;

    /// <summary>
    /// The date <see cref="MarketCap"/> is of: its row's market_cap_date (the date asked, on the API path), which
    /// a local snapshot may give for another date than <see cref="CapDate"/>; null when no row says.
    /// </summary>
    public LocalDate? MarketCapDate => ReferenceDates.Parse(Details?.MarketCap is not null ? Details.MarketCapDate : Listing.MarketCapDate);

    /// <summary>Snapshot rows folded into this identity (itself included), for the funnel's counts.</summary>
    public int Rows { get; set; } = 1;

    public LocalDate? ListDate => ReferenceDates.Parse(Details?.ListDate ?? Listing.ListDate);
}
