namespace SmallCaps.Core.Verify;

/// <summary>The reference CSVs given on the command line, read before the lake is checked (so bad input is exit 2).</summary>
public sealed class ReferenceCsvs
{
    internal ReferenceCsvs(IReadOnlyList<(string Ticker, ListingSpan Span)>? spans, IReadOnlyList<SplitRecord>? splits)
    {
        Spans = spans;
        Splits = splits;
    }

    /// <summary>None given: the outdir's default CSVs are read, when present.</summary>
    public static ReferenceCsvs None { get; } = new(null, null);

    /// <summary>Rows of the tickers/universe CSV; null when none was given.</summary>
    internal IReadOnlyList<(string Ticker, ListingSpan Span)>? Spans { get; }

    /// <summary>Rows of the splits CSV; null when none was given.</summary>
    internal IReadOnlyList<SplitRecord>? Splits { get; }
}
