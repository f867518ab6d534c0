namespace SmallCaps.Core.Api.Reference;

/// <summary>One split from <c>/v3/reference/splits</c>.</summary>
internal sealed record SplitRecord(string Ticker, string? ExecutionDate, double? SplitFrom, double? SplitTo, string? Id);
