using NodaTime;

namespace SmallCaps.Core.Manifest;

/// <summary>One validated event: a ticker and either an instant (Unix ns) or a whole session date.</summary>
/// <param name="Ticker">Vendor ticker.</param>
/// <param name="InstantNs">Event time, Unix ns UTC, or null for a date-only event.</param>
/// <param name="Date">Session date of a date-only event.</param>
internal readonly record struct EventRecord(string Ticker, long? InstantNs, LocalDate Date);
