namespace SmallCaps.Core.Input;

/// <summary>The validated universe: unique tickers in file order, plus warnings worth printing.</summary>
/// <param name="Tickers">Unique tickers, first occurrence order.</param>
/// <param name="Warnings">One-line notices (duplicates dropped).</param>
public sealed record TickerList(IReadOnlyList<string> Tickers, IReadOnlyList<string> Warnings);
