namespace SmallCaps.Core.Runs;

/// <summary>
/// Layout of a run's workdir (everything a background run and its commands share):
/// <code>
/// &lt;workdir&gt;/run.json           the run record (written once by launch)
/// &lt;workdir&gt;/supervisor.json    restarts and the current ingest process (written by the supervisor only)
/// &lt;workdir&gt;/progress.json      counters, req/s, 429s, ETA (written by the ingest every few seconds)
/// &lt;workdir&gt;/result.json        how the run ended (written once at the end)
/// &lt;workdir&gt;/control/stop       asks for a graceful stop      &lt;workdir&gt;/control/pause   holds a supervised run
/// &lt;workdir&gt;/logs/&lt;run id&gt;.log   console output of the run   &lt;workdir&gt;/history/       records of earlier runs
/// </code>
/// Each file has one writer, so nothing is read-modified-written by two processes.
/// </summary>
internal sealed record RunPaths(string Workdir)
{
    /// <summary>The run record.</summary>
    public string Record => Path.Combine(Workdir, "run.json");

    /// <summary>Supervisor state.</summary>
    public string Supervisor => Path.Combine(Workdir, "supervisor.json");

    /// <summary>Latest progress snapshot.</summary>
    public string Progress => Path.Combine(Workdir, "progress.json");

    /// <summary>How the run ended.</summary>
    public string Result => Path.Combine(Workdir, "result.json");

    /// <summary>Folder of the control files.</summary>
    public string ControlFolder => Path.Combine(Workdir, "control");

    /// <summary>Stop request file: its presence asks the run to stop cleanly.</summary>
    public string StopFile => Path.Combine(ControlFolder, "stop");

    /// <summary>Pause flag: while present a supervised run does not (re)start its ingest.</summary>
    public string PauseFile => Path.Combine(ControlFolder, "pause");

    /// <summary>Folder of the run logs.</summary>
    public string LogsFolder => Path.Combine(Workdir, "logs");

    /// <summary>Folder where the files of earlier runs are kept.</summary>
    public string HistoryFolder => Path.Combine(Workdir, "history");

    /// <summary>Console log of one run.</summary>
    public string LogFile(string runId) => Path.Combine(LogsFolder, runId + ".log");

    /// <summary>Supervisor log of one run.</summary>
    public string SupervisorLogFile(string runId) => Path.Combine(LogsFolder, runId + ".supervisor.log");

    /// <summary>Creates the workdir paths from a possibly relative folder.</summary>
    public static RunPaths For(string workdir) => new(Path.GetFullPath(workdir));
}
