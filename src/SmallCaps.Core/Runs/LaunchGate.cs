using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Runs;

/// <summary>
/// Lets one <c>launch</c> at a time through a workdir or an outdir: each holds the gate from its checks until its run
/// owns the outdir, so two launches fired together cannot both report a start (the second then sees the first's run).
/// </summary>
internal static class LaunchGate
{
    /// <summary>The gate file in a workdir.</summary>
    public static string InWorkdir(RunPaths paths) => Path.Combine(paths.Workdir, "launch.lock");

    /// <summary>The gate file in an outdir, beside its run lock.</summary>
    public static string InOutdir(string outdir) => Path.Combine(outdir, SqliteLedger.FolderName, "launch.lock");

    /// <summary>Waits up to <paramref name="patience"/> for the gate (another launch is only ever seconds from done), then holds it.</summary>
    public static async Task<OutdirLock> EnterAsync(string gatePath, string what, TimeSpan patience, TimeProvider clock, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(gatePath)!);
        var until = clock.GetUtcNow() + patience;
        while (true)
        {
            try
            {
                return OutdirLock.AcquireFile(gatePath, what, clock);
            }
            catch (OutdirLockedException) when (clock.GetUtcNow() < until)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OutdirLockedException ex)
            {
                throw new OutdirLockedException($"another launch has been starting a run in {what} for {patience.TotalSeconds:0} s; try again when it is done", ex);
            }
        }
    }
}
