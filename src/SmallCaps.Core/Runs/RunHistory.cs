namespace SmallCaps.Core.Runs;

/// <summary>Moves the files of an ended run to <c>history/&lt;run id&gt;/</c> so a new run starts with a clean workdir.</summary>
internal static class RunHistory
{
    /// <summary>Archives run.json, result.json, supervisor.json and progress.json of <paramref name="runId"/>.</summary>
    public static void Archive(RunPaths paths, string runId)
    {
        var folder = Path.Combine(paths.HistoryFolder, runId);
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { paths.Result, paths.Supervisor, paths.Progress, paths.Record })
        {
            if (File.Exists(file))
            {
                File.Move(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
            }
        }
    }
}
