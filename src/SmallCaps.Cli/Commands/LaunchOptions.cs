using System.CommandLine;

namespace SmallCaps.Cli.Commands;

/// <summary>The options <c>launch</c> adds to an ingest verb (never passed on to the ingest itself).</summary>
internal sealed class LaunchOptions
{
    public required Option<string> Workdir { get; init; }

    public required Option<bool> Supervise { get; init; }

    public required Option<int> MaxCrashes { get; init; }

    public required Option<double> CrashWindow { get; init; }

    public required Option<double> RestartDelay { get; init; }

    public required Option<double?> StallTimeout { get; init; }

    public IEnumerable<Option> All => [Workdir, Supervise, MaxCrashes, CrashWindow, RestartDelay, StallTimeout];
}
