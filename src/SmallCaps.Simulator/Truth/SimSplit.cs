using NodaTime;

namespace SmallCaps.Simulator.Truth;

/// <summary>A split known as of the as-of date.</summary>
/// <param name="Ticker">Symbol on the execution date.</param>
/// <param name="ExecutionDate">First day trading on the new basis.</param>
/// <param name="SplitFrom">Old shares.</param>
/// <param name="SplitTo">New shares.</param>
public readonly record struct SimSplit(string Ticker, LocalDate ExecutionDate, int SplitFrom, int SplitTo);
