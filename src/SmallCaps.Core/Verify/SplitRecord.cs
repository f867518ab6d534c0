using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>A split as the vendor's reference lists it: <see cref="SplitTo"/> new shares for <see cref="SplitFrom"/> old.</summary>
/// <param name="Ticker">Ticker.</param>
/// <param name="ExecutionDate">First session traded on the new basis.</param>
/// <param name="SplitFrom">Old shares.</param>
/// <param name="SplitTo">New shares.</param>
public sealed record SplitRecord(string Ticker, LocalDate ExecutionDate, double SplitFrom, double SplitTo);
