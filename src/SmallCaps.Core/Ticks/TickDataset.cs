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

    /// <summary>Lowest sample rate: one quote per 10,000 seconds (under 3 hours); slower would not sample a 16-hour session.</summary>
    public const double MinSampleHz = 0.0001;

    /// <summary>Highest sample rate: one quote per millisecond.</summary>
    public const double MaxSampleHz = 1000;

    /// <summary>Quotes sampled at <paramref name="hz"/> per second, in their own folder (<c>quotes_1hz</c>).</summary>
    public static TickDataset SampledQuotes(double hz) => new($"quotes_{RateText(hz)}hz", TickKind.Quotes, hz);

    /// <summary>
    /// Null when <paramref name="hz"/> can be a sampled dataset, else the problem (for <c>--quotes-hz</c>): the folder name
    /// must stand for exactly this rate, or two rates would share one folder and one ledger.
    /// </summary>
    public static string? SampleRateProblem(double hz)
    {
        var c = CultureInfo.InvariantCulture;
        if (double.IsNaN(hz) || hz < MinSampleHz || hz > MaxSampleHz)
        {
            return string.Create(c, $"must be between {MinSampleHz} and {MaxSampleHz} (got {hz})");
        }

        var text = RateText(hz);
        return double.Parse(text, c) == hz
            ? null
            : string.Create(c, $"{hz} has more than 6 decimal places: its folder quotes_{text}hz would stand for {text}");
    }

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

    private static string RateText(double hz) => hz.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Bucket width in ns for sampled quotes.</summary>
    public long BucketNs => SampleHz is { } hz ? Math.Max(1L, (long)Math.Round(1e9 / hz)) : 0;
}
