using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>Column layouts of the reference datasets and of the universe Parquet output.</summary>
internal static class ReferenceTables
{
    /// <summary>The tickers list as the vendor serves it (the seeds' <c>tickers.parquet</c> shape).</summary>
    public static ReferenceTable<TickerRecord> Tickers { get; } = new(
    [
        ReferenceColumn<TickerRecord>.String("ticker", r => r.Ticker),
        ReferenceColumn<TickerRecord>.String("name", r => r.Name),
        ReferenceColumn<TickerRecord>.String("market", r => r.Market, dictionary: true),
        ReferenceColumn<TickerRecord>.String("locale", r => r.Locale, dictionary: true),
        ReferenceColumn<TickerRecord>.String("primary_exchange", r => r.PrimaryExchange, dictionary: true),
        ReferenceColumn<TickerRecord>.String("type", r => r.Type, dictionary: true),
        ReferenceColumn<TickerRecord>.Boolean("active", r => r.Active),
        ReferenceColumn<TickerRecord>.String("currency_name", r => r.CurrencyName, dictionary: true),
        ReferenceColumn<TickerRecord>.String("cik", r => r.Cik),
        ReferenceColumn<TickerRecord>.String("composite_figi", r => r.CompositeFigi),
        ReferenceColumn<TickerRecord>.String("share_class_figi", r => r.ShareClassFigi),
        ReferenceColumn<TickerRecord>.String("last_updated_utc", r => r.LastUpdatedUtc),
        ReferenceColumn<TickerRecord>.String("delisted_utc", r => r.DelistedUtc),
    ]);

    /// <summary>Ticker details, one row per (ticker, market_cap_date) asked; <c>found</c> is false for a 404.</summary>
    public static ReferenceTable<DetailsRow> Details { get; } = new(
    [
        ReferenceColumn<DetailsRow>.String("ticker", r => r.Request.Ticker),
        ReferenceColumn<DetailsRow>.Date("market_cap_date", r => r.Request.Date),
        ReferenceColumn<DetailsRow>.Boolean("found", r => r.Details is not null),
        ReferenceColumn<DetailsRow>.String("name", r => r.Details?.Name),
        ReferenceColumn<DetailsRow>.String("primary_exchange", r => r.Details?.PrimaryExchange, dictionary: true),
        ReferenceColumn<DetailsRow>.String("type", r => r.Details?.Type, dictionary: true),
        ReferenceColumn<DetailsRow>.Boolean("active", r => r.Details?.Active),
        ReferenceColumn<DetailsRow>.String("cik", r => r.Details?.Cik),
        ReferenceColumn<DetailsRow>.String("composite_figi", r => r.Details?.CompositeFigi),
        ReferenceColumn<DetailsRow>.String("share_class_figi", r => r.Details?.ShareClassFigi),
        ReferenceColumn<DetailsRow>.Double("market_cap", r => r.Details?.MarketCap),
        ReferenceColumn<DetailsRow>.Double("share_class_shares_outstanding", r => r.Details?.ShareClassSharesOutstanding),
        ReferenceColumn<DetailsRow>.Double("weighted_shares_outstanding", r => r.Details?.WeightedSharesOutstanding),
        ReferenceColumn<DetailsRow>.Date("list_date", r => ReferenceDates.Parse(r.Details?.ListDate)),
        ReferenceColumn<DetailsRow>.String("delisted_utc", r => r.Details?.DelistedUtc),
        ReferenceColumn<DetailsRow>.String("sic_code", r => r.Details?.SicCode),
        ReferenceColumn<DetailsRow>.String("sic_description", r => r.Details?.SicDescription),
        ReferenceColumn<DetailsRow>.Int64("total_employees", r => r.Details?.TotalEmployees),
    ]);

    public static ReferenceTable<SplitRecord> Splits { get; } = new(
    [
        ReferenceColumn<SplitRecord>.String("ticker", r => r.Ticker),
        ReferenceColumn<SplitRecord>.Date("execution_date", r => ReferenceDates.Parse(r.ExecutionDate)),
        ReferenceColumn<SplitRecord>.Double("split_from", r => r.SplitFrom),
        ReferenceColumn<SplitRecord>.Double("split_to", r => r.SplitTo),
        ReferenceColumn<SplitRecord>.String("id", r => r.Id),
    ]);

    public static ReferenceTable<DividendRecord> Dividends { get; } = new(
    [
        ReferenceColumn<DividendRecord>.String("ticker", r => r.Ticker),
        ReferenceColumn<DividendRecord>.Double("cash_amount", r => r.CashAmount),
        ReferenceColumn<DividendRecord>.Date("ex_dividend_date", r => ReferenceDates.Parse(r.ExDividendDate)),
        ReferenceColumn<DividendRecord>.Date("pay_date", r => ReferenceDates.Parse(r.PayDate)),
        ReferenceColumn<DividendRecord>.Date("record_date", r => ReferenceDates.Parse(r.RecordDate)),
        ReferenceColumn<DividendRecord>.Date("declaration_date", r => ReferenceDates.Parse(r.DeclarationDate)),
        ReferenceColumn<DividendRecord>.Int64("frequency", r => r.Frequency),
        ReferenceColumn<DividendRecord>.String("dividend_type", r => r.DividendType, dictionary: true),
        ReferenceColumn<DividendRecord>.String("id", r => r.Id),
    ]);

    /// <summary>Ticker changes: from <c>date</c> on, the identity trades as <c>ticker</c>.</summary>
    public static ReferenceTable<TickerEventRow> TickerEvents { get; } = new(
    [
        ReferenceColumn<TickerEventRow>.String("identity", r => r.Identity),
        ReferenceColumn<TickerEventRow>.String("composite_figi", r => r.Events.CompositeFigi),
        ReferenceColumn<TickerEventRow>.String("cik", r => r.Events.Cik),
        ReferenceColumn<TickerEventRow>.String("name", r => r.Events.Name),
        ReferenceColumn<TickerEventRow>.String("ticker", r => r.Change.Ticker),
        ReferenceColumn<TickerEventRow>.Date("date", r => ReferenceDates.Parse(r.Change.Date)),
    ]);

    /// <summary>The universe: one row per ticker kept.</summary>
    public static ReferenceTable<UniverseCandidate> Universe { get; } = new(
    [
        ReferenceColumn<UniverseCandidate>.String("ticker", c => c.Ticker),
        ReferenceColumn<UniverseCandidate>.String("name", c => c.Details?.Name ?? c.Listing.Name),
        ReferenceColumn<UniverseCandidate>.String("primary_exchange", c => c.Listing.PrimaryExchange, dictionary: true),
        ReferenceColumn<UniverseCandidate>.String("type", c => c.Listing.Type, dictionary: true),
        ReferenceColumn<UniverseCandidate>.Boolean("active", c => c.Active),
        ReferenceColumn<UniverseCandidate>.String("cik", c => c.Listing.Cik ?? c.Details?.Cik),
        ReferenceColumn<UniverseCandidate>.String("composite_figi", c => c.Listing.CompositeFigi ?? c.Details?.CompositeFigi),
        ReferenceColumn<UniverseCandidate>.String("share_class_figi", c => c.Listing.ShareClassFigi ?? c.Details?.ShareClassFigi),
        ReferenceColumn<UniverseCandidate>.Date("list_date", c => c.ListDate),
        ReferenceColumn<UniverseCandidate>.String("delisted_utc", c => c.Active ? null : c.Listing.DelistedUtc),
        ReferenceColumn<UniverseCandidate>.Double("market_cap", c => c.MarketCap),
        ReferenceColumn<UniverseCandidate>.Date("market_cap_date", c => c.MarketCap is null ? null : c.MarketCapDate),
        ReferenceColumn<UniverseCandidate>.String("sic_code", c => c.Details?.SicCode ?? c.Listing.SicCode),
        ReferenceColumn<UniverseCandidate>.String("sic_description", c => c.Details?.SicDescription ?? c.Listing.SicDescription),
        ReferenceColumn<UniverseCandidate>.String("identity", c => c.Identity),
        ReferenceColumn<UniverseCandidate>.String("ticker_history", c => string.Join(';', c.Tickers)),
    ]);
}
