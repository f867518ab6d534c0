using NodaTime;

namespace SmallCaps.Core.Ledger;

/// <summary>Identity of one unit of work: a dataset, a ticker and an inclusive New York date window.</summary>
/// <param name="Dataset">Lake dataset, e.g. <c>bars_1d</c>.</param>
/// <param name="Ticker">Vendor ticker.</param>
/// <param name="WindowStart">First session date.</param>
/// <param name="WindowEnd">Last session date (inclusive).</param>
public sealed record TaskKey(string Dataset, string Ticker, LocalDate WindowStart, LocalDate WindowEnd);
