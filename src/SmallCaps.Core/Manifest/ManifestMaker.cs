namespace SmallCaps.Core.Manifest;

/// <summary>The <c>manifest</c> verb's work: read and validate every event, build the windows, then write (nothing is written on bad input).</summary>
public static class ManifestMaker
{
    /// <summary>Builds <paramref name="outPath"/> from <paramref name="eventsPath"/>; throws <see cref="Input.InputException"/> on bad input.</summary>
    public static async Task<ManifestBuildResult> MakeAsync(string eventsPath, string outPath, ManifestOptions options, CancellationToken cancellationToken)
    {
        var events = EventFileReader.Read(eventsPath, options);
        if (events.Count == 0)
        {
            throw new Input.InputException($"{eventsPath}: no events after the header");
        }

        if (Input.TickerRules.CaseTwins(events.Select(e => e.Ticker)) is { } twins)
        {
            throw new Input.InputException($"{eventsPath}: {Input.TickerRules.CaseTwinsProblem(twins)}");
        }

        var result = ManifestBuilder.Build(events, options);
        if (result.Windows.Count == 0)
        {
            throw new Input.InputException($"{eventsPath}: no window left ({result.OutsideDates} events outside the dates, {result.OutsideHours} outside 04:00-20:00 New York); nothing written");
        }

        await ManifestFile.WriteAsync(outPath, result.Windows, cancellationToken);
        return result;
    }
}
