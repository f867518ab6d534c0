namespace SmallCaps.Simulator.Market;

/// <summary>
/// Price grid of the simulator: raw prices at or above $1 have 2 decimals, below $1 have 4;
/// split-adjusted prices are raw / factor rounded to 4 decimals (away from zero at the midpoint).
/// </summary>
internal static class PriceRounding
{
    public static double Raw(double price)
    {
        var p = price >= 1.0 ? Math.Round(price, 2, MidpointRounding.AwayFromZero) : Math.Round(price, 4, MidpointRounding.AwayFromZero);
        return p < 0.0001 ? 0.0001 : p;
    }

    public static double Adjusted(double rawPrice, double factor) =>
        factor == 1.0 ? rawPrice : Math.Round(rawPrice / factor, 4, MidpointRounding.AwayFromZero);

    public static double AdjustedVolume(double rawVolume, double factor) =>
        factor == 1.0 ? rawVolume : Math.Round(rawVolume * factor, 4, MidpointRounding.AwayFromZero);

    public static double Four(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
