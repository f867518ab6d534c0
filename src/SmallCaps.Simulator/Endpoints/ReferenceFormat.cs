using System.Globalization;
using NodaTime;
using SmallCaps.Simulator.Market;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>Date formats of the reference endpoints.</summary>
internal static class ReferenceFormat
{
    public static string Date(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Utc(LocalDate d) => Date(d) + "T00:00:00Z";

    /// <summary>The symbol a listing shows on a date (its last one once delisted).</summary>
    public static string SymbolShown(Listing l, LocalDate date) =>
        l.SymbolOn(l.DelistDate is { } d && d <= date ? d.PlusDays(-1) : date);
}
