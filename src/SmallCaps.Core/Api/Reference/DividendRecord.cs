namespace SmallCaps.Core.Api.Reference;

/// <summary>One cash dividend from <c>/v3/reference/dividends</c>.</summary>
internal sealed record DividendRecord(
    string Ticker,
    double? CashAmount,
    string? ExDividendDate,
    string? PayDate,
    string? RecordDate,
    string? DeclarationDate,
    long? Frequency,
    string? DividendType,
    string? Id);
