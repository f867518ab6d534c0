using System.Globalization;

namespace SmallCaps.Core.Runs;

/// <summary>The human form of <see cref="RunStatus"/>: a few aligned lines, then warnings and the log tail.</summary>
internal static class RunStatusText
{
    /// <summary>Writes the status.</summary>
    public static void Write(RunStatus s, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        if (s.Run is not { } run)
        {
            output.WriteLine($"no run launched in {s.Workdir}");
            return;
        }

        var state = s.State.ToString().ToLowerInvariant();
        if (s.Paused && s.State == RunState.Running)
        {
            state += " (paused)";
        }

        if (s.StopRequested)
        {
            state += " (stop requested)";
        }

        output.WriteLine(string.Create(c, $"run {run.RunId}: {state}"));
        output.WriteLine($"  command    {run.CommandLine}");
        output.WriteLine(string.Create(c, $"  started    {run.StartedAt:yyyy-MM-dd HH:mm:ss}Z, pid {run.Pid}{(run.Supervised ? " (supervisor)" : string.Empty)}{(s.IngestPid is { } ip && ip != run.Pid ? $", ingest pid {ip}" : string.Empty)}"));
        if (s.Result is { } result)
        {
            // Details from ExitCauses already start with "exit N": print the code once.
            var code = string.Create(c, $"exit {result.ExitCode}");
            var detail = result.Detail == code || result.Detail.StartsWith(code + " ", StringComparison.Ordinal) ? result.Detail : $"{code}: {result.Detail}";
            output.WriteLine(string.Create(c, $"  ended      {result.EndedAt:yyyy-MM-dd HH:mm:ss}Z, {detail}"));
        }

        output.WriteLine($"  outdir     {run.Outdir}");
        foreach (var d in s.Datasets)
        {
            var pct = d.TasksTotal > 0 ? (d.Done + d.Empty + d.NotFound) * 100.0 / d.TasksTotal : 0;
            output.WriteLine(string.Create(c, $"  {d.Name,-10} tasks {d.Done + d.Empty + d.NotFound}/{d.TasksTotal} settled ({pct:F0}%): done {d.Done}, empty {d.Empty}, not-found {d.NotFound}, not-entitled {d.NotEntitled}, failed {d.Failed}, pending {d.Pending}, running {d.Running}{(d.Remaining is { } r ? $", left {r}" : string.Empty)}; {RowsLabel(d.Name)} {d.Bars:N0}, {d.Bytes / 1048576.0:F1} MB"));
            foreach (var f in d.TopFailures)
            {
                output.WriteLine(string.Create(c, $"             {f.Count} x {f.Reason}"));
            }

            if (d.Waiting is { } waiting)
            {
                // Those days are not this run's tasks: a later run fetches them as new dates.
                output.WriteLine($"             ends {d.PlannedTo}: {waiting}; a later run fetches them");
            }
        }

        if (s.Progress is { } p && s.State == RunState.Running)
        {
            var eta = p.EtaSeconds is { } e ? TimeSpan.FromSeconds(e).ToString("hh\\:mm\\:ss", c) : "--:--:--";
            var doing = p.Phase switch
            {
                Ingest.RunPhase.CheckingSplits => "checking splits",
                Ingest.RunPhase.Refetching => "refetching windows a split rewrote",
                Ingest.RunPhase.RefetchingLateTails => "checking windows an older build wrote",
                Ingest.RunPhase.Merging => "merging partitions",
                _ => $"eta {eta}",
            };
            output.WriteLine(string.Create(c, $"  now        tasks {p.TasksFinished}/{p.TasksPlanned} this attempt, {p.RequestsPerSecond:F1} req/s, 429s {p.RateLimited}, retries {p.Retries}, {doing} (updated {s.ProgressAgeSeconds:F0} s ago)"));
        }

        if (s.Restarts.Count > 0)
        {
            output.WriteLine(string.Create(c, $"  restarts   {s.Restarts.Count(x => !x.GaveUp)} (attempt {s.Attempt})"));
            foreach (var x in s.Restarts.TakeLast(5))
            {
                output.WriteLine(string.Create(c, $"             {x.At:yyyy-MM-dd HH:mm:ss}Z attempt {x.Attempt}: {x.Cause}{(x.GaveUp ? ", gave up" : $", restarted after {x.Delay}")}"));
            }
        }

        foreach (var w in s.Warnings)
        {
            output.WriteLine($"warning: {w}");
        }

        if (s.LogTail.Count > 0)
        {
            output.WriteLine($"--- last lines of {run.LogPath}");
            foreach (var line in s.LogTail)
            {
                output.WriteLine(line);
            }
        }
    }

    // What a dataset's rows are, in the words the ingest verbs print.
    private static string RowsLabel(string dataset) =>
        dataset.StartsWith("bars_", StringComparison.Ordinal) ? "bars"
        : dataset == "trades" ? "trades"
        : dataset.StartsWith("quotes", StringComparison.Ordinal) ? "quotes"
        : "rows";
}
