namespace SmallCaps.Simulator.Market;

/// <summary>The vendor's ticker type codes served by /v3/reference/tickers/types.</summary>
internal static class TickerTypes
{
    public static readonly (string Code, string Description)[] All =
    [
        ("CS", "Common Stock"),
        ("PFD", "Preferred Stock"),
        ("WARRANT", "Warrant"),
        ("RIGHT", "Rights"),
        ("BOND", "Corporate Bond"),
        ("ETF", "Exchange Traded Fund"),
        ("ETN", "Exchange Traded Note"),
        ("SP", "Structured Product"),
        ("ADRC", "American Depository Receipt Common"),
        ("ADRW", "American Depository Receipt Warrants"),
        ("ADRR", "American Depository Receipt Rights"),
        ("FUND", "Fund"),
        ("BASKET", "Basket"),
        ("UNIT", "Unit"),
        ("LT", "Liquidating Trust"),
    ];
}
