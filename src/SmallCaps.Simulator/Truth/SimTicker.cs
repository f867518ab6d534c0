using NodaTime;

namespace SmallCaps.Simulator.Truth;

/// <summary>A ticker of the simulated universe as listed on a date (by default the simulator's as-of date).</summary>
/// <param name="Ticker">Symbol (the last one for renamed listings).</param>
/// <param name="Name">Company or fund name.</param>
/// <param name="Type">Vendor type code (CS, ETF, WARRANT, ...).</param>
/// <param name="Market">stocks or otc.</param>
/// <param name="PrimaryExchange">MIC (XNAS, XNYS, ...), null for OTC.</param>
/// <param name="Active">False when delisted as of the as-of date.</param>
/// <param name="CompositeFigi">Composite FIGI (unique per listing).</param>
/// <param name="ListDate">First trading day.</param>
/// <param name="DelistedDate">Delisting date when delisted as of the as-of date.</param>
/// <param name="MarketCap">The <c>market_cap</c> details serve for the date (shares on the date × last raw close, rounded); 0 when delisted or never traded (details omit it).</param>
/// <param name="PreviousTickers">Earlier symbols of a renamed listing, oldest first.</param>
/// <param name="Cik">CIK, null when the vendor would omit it.</param>
/// <param name="ShareClassFigi">Share class FIGI.</param>
/// <param name="SicCode">SIC code, null when omitted.</param>
/// <param name="SicDescription">SIC description, null when omitted.</param>
/// <param name="SharesOutstanding">share_class_shares_outstanding served for the date.</param>
public sealed record SimTicker(string Ticker, string Name, string Type, string Market, string? PrimaryExchange, bool Active, string CompositeFigi, LocalDate ListDate, LocalDate? DelistedDate, double MarketCap, IReadOnlyList<string> PreviousTickers, string? Cik, string ShareClassFigi, string? SicCode, string? SicDescription, long SharesOutstanding);
