using System.Globalization;

namespace SmallCaps.Core.Ticks;

/// <summary>A tick dataset of the lake: its folder and ledger name, endpoint, and quote sampling.</summary>
/// <param name="Name">Folder under the outdir and dataset key in the ledger.</param>
/// <param name="Kind">Trades or quotes.</param>
/// <param name="SampleHz">Quotes kept per second (the quote in force at each bucket's end), or null for every quote.</param>
public sealed record TickDataset(string Name, TickKind Kind, double? SampleHz)
{
    /// <summary>Every trade.</summary>
    public static TickDataset Trades { get; } = new("trades", TickKind.Trades, null);

    /// <summary>Every quote.</summary>
    public static TickDataset Quotes { get; } = new("quotes", TickKind.Quotes, null);

    /// <summary>Quotes sampled at <paramref name="hz"/> per second, in their own folder (<c>quotes_1hz</c>).</summary>
    public static TickDataset SampledQuotes(double hz) =>
        new(string.Create(CultureInfo.InvariantCulture, $"quotes_{hz:0.######}hz"), TickKind.Quotes, hz);

    /// <summary>The dataset a ledger/folder name stands for (<c>trades</c>, <c>quotes</c>, <c>quotes_2hz</c>), or null.</summary>
    public static TickDataset? FromName(string name)
    {
        if (name == Trades.Name)
        {
            return Trades;
        }

        if (name == Quotes.Name)
        {
            return Quotes;
        }

        const string Prefix = "quotes_", Suffix = "hz";
        return name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal)
            && double.TryParse(name[Prefix.Length..^Suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var hz) && hz > 0
            ? SampledQuotes(hz)
            : null;
    }

    /// <summary>Bucket width in ns for sampled quotes.</summary>
    public long BucketNs => SampleHz is { } hz ? Math.Max(1L, (long)Math.Round(1e9 / hz)) : 0;
}
