using NodaTime;

namespace SmallCaps.Core.Manifest;

/// <summary>One row of a manifest: a ticker's time window inside one New York session.</summary>
/// <param name="Ticker">Vendor ticker.</param>
/// <param name="SessionDate">New York session date the window belongs to.</param>
/// <param name="StartNs">Window start, Unix ns UTC (inclusive).</param>
/// <param name="EndNs">Window end, Unix ns UTC (exclusive).</param>
/// <param name="Events">Events merged into this window.</param>
public sealed record ManifestWindow(string Ticker, LocalDate SessionDate, long StartNs, long EndNs, int Events = 1);
