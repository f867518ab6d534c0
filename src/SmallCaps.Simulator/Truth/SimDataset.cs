namespace SmallCaps.Simulator.Truth;

/// <summary>The datasets the ground truth can list.</summary>
public enum SimDataset
{
    /// <summary>1-minute bars (04:00-20:00 New York).</summary>
    MinuteBars,

    /// <summary>Daily bars (t = 00:00 New York).</summary>
    DayBars,

    /// <summary>Trades (raw prices).</summary>
    Trades,

    /// <summary>Quotes (raw prices).</summary>
    Quotes,
}
