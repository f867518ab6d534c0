using System.Globalization;

namespace SmallCaps.Core.Runs;

/// <summary>
/// The control files of a workdir: plain files, so a stop or a pause works the same on Windows and
/// Linux (no signals), from a script, Explorer, or another machine sharing the folder.
/// </summary>
internal static class ControlFiles
{
    /// <summary>Asks the run to stop cleanly.</summary>
    public static void RequestStop(RunPaths paths, TimeProvider clock) =>
        Touch(paths.StopFile, clock, "stop requested");

    /// <summary>Holds a supervised run paused.</summary>
    public static void Pause(RunPaths paths, TimeProvider clock) =>
        Touch(paths.PauseFile, clock, "paused");

    /// <summary>Lets a paused supervised run go on.</summary>
    public static void Resume(RunPaths paths) => DeleteIfExists(paths.PauseFile);

    /// <summary>Whether a stop was asked for.</summary>
    public static bool IsStopRequested(RunPaths paths) => File.Exists(paths.StopFile);

    /// <summary>Whether the pause flag is set.</summary>
    public static bool IsPaused(RunPaths paths) => File.Exists(paths.PauseFile);

    /// <summary>Removes a stop request left from an earlier run (a new launch starts clean).</summary>
    public static void ClearStop(RunPaths paths) => DeleteIfExists(paths.StopFile);

    private static void Touch(string path, TimeProvider clock, string what)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"{what} at {clock.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'} by pid {Environment.ProcessId}\n"));
    }

    private static void DeleteIfExists(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
