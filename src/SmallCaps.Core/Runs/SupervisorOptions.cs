namespace SmallCaps.Core.Runs;

/// <summary>How a supervised run restarts its ingest after crashes.</summary>
internal sealed record SupervisorOptions
{
    /// <summary>First backoff after a crash; doubles with each crash in a row.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest backoff.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Crashes tolerated within <see cref="CrashWindow"/>; one more and the supervisor gives up.</summary>
    /// <value>The default value is 5.</value>
    public int MaxCrashes { get; init; } = 5;

    /// <summary>Sliding window the crashes are counted in.</summary>
    /// <value>The default value is 30 minutes.</value>
    public TimeSpan CrashWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the pause flag and the stop request are checked while waiting.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An ingest whose counters (requests, tasks, bars) have not moved for this long is ended and
    /// restarted like a crash; null turns the check off.
    /// </summary>
    /// <value>The default value is null (off).</value>
    public TimeSpan? StallTimeout { get; init; }

    /// <summary>One-line problems naming the option, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxCrashes is < 1 or > 1000)
        {
            problems.Add(FormattableString.Invariant($"--max-crashes must be between 1 and 1000 (got {MaxCrashes})."));
        }

        if (CrashWindow <= TimeSpan.Zero)
        {
            problems.Add("--crash-window must be positive.");
        }

        if (StallTimeout is { } stall && stall <= TimeSpan.Zero)
        {
            problems.Add("--stall-timeout must be positive.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            problems.Add("restart delays must be positive and the maximum at least the base.");
        }

        return problems;
    }

    /// <summary>Backoff before the attempt after <paramref name="crashesInARow"/> consecutive crashes.</summary>
    public TimeSpan DelayAfter(int crashesInARow)
    {
        var factor = Math.Pow(2, Math.Clamp(crashesInARow - 1, 0, 30));
        var ticks = Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
