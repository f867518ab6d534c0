namespace SmallCaps.Core.Api;

/// <summary>The bar sizes the lake stores.</summary>
public enum BarTimespan
{
    /// <summary>1-minute bars (04:00-20:00 New York).</summary>
    Minute,

    /// <summary>Daily bars.</summary>
    Day,
}
