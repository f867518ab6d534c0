namespace SmallCaps.Simulator.Market;

/// <summary>Parameters of a listing's synthetic price and activity path.</summary>
/// <param name="LogPrice">Log of the economic price level around which the path wanders.</param>
/// <param name="DailyVolatility">Standard deviation of daily log returns.</param>
/// <param name="AverageDailyVolume">Shares traded on an average day.</param>
/// <param name="Liquidity">Probability that a regular-session minute has a trade (0..1).</param>
/// <param name="TradesPerMinute">Average trades in an active minute.</param>
/// <param name="SharesOutstanding">Shares outstanding today (after all known splits).</param>
internal sealed record PriceProfile(
    double LogPrice,
    double DailyVolatility,
    double AverageDailyVolume,
    double Liquidity,
    double TradesPerMinute,
    long SharesOutstanding);
