using System.Globalization;
using SmallCaps.Core.Input;

namespace SmallCaps.Core.Manifest;

/// <summary>The <c>manifest</c> verb's work: read and validate every event, build the windows, then write (nothing is written on bad input).</summary>
public static class ManifestMaker
{
    /// <summary>Builds <paramref name="outPath"/> from <paramref name="eventsPath"/>; throws <see cref="InputException"/> on bad input.</summary>
    public static async Task<ManifestBuildResult> MakeAsync(string eventsPath, string outPath, ManifestOptions options, CancellationToken cancellationToken)
    {
        ManifestOutPath.Check(outPath, eventsPath);
        if (!options.WholeSession && options.Before + options.After <= NodaTime.Duration.Zero)
        {
            throw new InputException("--before and --after are both 0: every window would be empty");
        }

        var events = EventFileReader.Read(eventsPath, options);
        if (events.Count == 0)
        {
            throw new InputException($"{eventsPath}: no events after the header");
        }

        var result = ManifestBuilder.Build(events, options);
        if (result.Windows.Count == 0)
        {
            throw new InputException($"{eventsPath}: no window left ({NoWindowReasons(result)}); nothing written");
        }

        await ManifestOutPath.WriteAsync(outPath, result.Windows, cancellationToken);
        return result;
    }

    // Only the reasons that apply, so the message says why, not a list of zeros.
    private static string NoWindowReasons(ManifestBuildResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var reasons = new List<string>();
        if (result.ClosedDays > 0 && result.FirstClosed is { } closed)
        {
            reasons.Add(string.Create(c, $"{result.ClosedDays} events on days the NYSE was closed, first: {closed.Ticker} {Calendar.IsoDate.Format(closed.Date)}, a {closed.Date.DayOfWeek}"));
        }

        if (result.OutsideDates > 0)
        {
            reasons.Add(string.Create(c, $"{result.OutsideDates} events outside --start-date/--end-date"));
        }

        if (result.OutsideHours > 0)
        {
            reasons.Add(string.Create(c, $"{result.OutsideHours} events whose window lies wholly outside 04:00-20:00 New York"));
        }

        return string.Join("; ", reasons);
    }
}
