namespace SmallCaps.Core.Api.Reference;

/// <summary>
/// One ticker as the reference endpoints describe it: the list endpoint fills the identity fields,
/// ticker details add market cap, list date, SIC and share counts. Every field is optional in the vendor's data.
/// </summary>
internal sealed class TickerRecord
{
    public string Ticker { get; set; } = "";

    public string? Name { get; set; }

    public string? Market { get; set; }

    public string? Locale { get; set; }

    public string? PrimaryExchange { get; set; }

    public string? Type { get; set; }

    public bool? Active { get; set; }

    public string? CurrencyName { get; set; }

    public string? Cik { get; set; }

    public string? CompositeFigi { get; set; }

    public string? ShareClassFigi { get; set; }

    public string? LastUpdatedUtc { get; set; }

    public string? DelistedUtc { get; set; }

    public string? ListDate { get; set; }

    public double? MarketCap { get; set; }

    /// <summary>The date the market cap is as of (the details request's date); not a vendor field.</summary>
    public string? MarketCapDate { get; set; }

    public string? SicCode { get; set; }

    public string? SicDescription { get; set; }

    public double? ShareClassSharesOutstanding { get; set; }

    public double? WeightedSharesOutstanding { get; set; }

    public long? TotalEmployees { get; set; }
}
