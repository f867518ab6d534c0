namespace SmallCaps.Core.Ticks;

/// <summary>Which tick endpoint: <c>/v3/trades</c> or <c>/v3/quotes</c>.</summary>
public enum TickKind
{
    /// <summary>Trades.</summary>
    Trades,

    /// <summary>NBBO quotes.</summary>
    Quotes,
}
