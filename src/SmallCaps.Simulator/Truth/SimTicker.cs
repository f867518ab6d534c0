using NodaTime;

namespace SmallCaps.Simulator.Truth;

/// <summary>A ticker of the simulated universe as of the simulator's as-of date.</summary>
/// <param name="Ticker">Symbol (the last one for renamed listings).</param>
/// <param name="Name">Company or fund name.</param>
/// <param name="Type">Vendor type code (CS, ETF, WARRANT, ...).</param>
/// <param name="Market">stocks or otc.</param>
/// <param name="PrimaryExchange">MIC (XNAS, XNYS, ...), null for OTC.</param>
/// <param name="Active">False when delisted as of the as-of date.</param>
/// <param name="CompositeFigi">Composite FIGI (unique per listing).</param>
/// <param name="ListDate">First trading day.</param>
/// <param name="DelistedDate">Delisting date when delisted as of the as-of date.</param>
/// <param name="MarketCap">Shares outstanding × last close as of the as-of date (or the delisting).</param>
/// <param name="PreviousTickers">Earlier symbols of a renamed listing, oldest first.</param>
public sealed record SimTicker(string Ticker, string Name, string Type, string Market, string? PrimaryExchange, bool Active, string CompositeFigi, LocalDate ListDate, LocalDate? DelistedDate, double MarketCap, IReadOnlyList<string> PreviousTickers);
