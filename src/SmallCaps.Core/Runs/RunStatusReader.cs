using System.Globalization;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Manifest;
using SmallCaps.Core.Ticks;
using SmallCaps.Core.Verify;

namespace SmallCaps.Core.Runs;

/// <summary>
/// Builds a <see cref="RunStatus"/> from the workdir's files, the process table and the ledger (read
/// only, committed state). Detects stale state: a recorded pid that is dead or reused (start time
/// differs) without a recorded end means a crash; a lock note without a live holder is a stale lock
/// the next run takes over. Reading never changes anything.
/// </summary>
internal static class RunStatusReader
{
    /// <summary>Progress older than this while the run is alive is reported as a possible stall.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(2);

    /// <summary>Reads the status of the run in <paramref name="paths"/>.</summary>
    public static RunStatus Read(RunPaths paths, TimeProvider clock, int logLines = 10)
    {
        var record = RunJson.Read<RunRecord>(paths.Record);
        if (record is null)
        {
            return new RunStatus { Workdir = paths.Workdir, State = RunState.None };
        }

        var warnings = new List<string>();
        var c = CultureInfo.InvariantCulture;
        var result = RunJson.Read<RunResult>(paths.Result) is { } r && r.RunId == record.RunId ? r : null;
        var supervisor = RunJson.Read<SupervisorState>(paths.Supervisor) is { } s && s.RunId == record.RunId ? s : null;
        var progress = RunJson.Read<ProgressSnapshot>(paths.Progress) is { } p && p.RunId == record.RunId ? p : null;
        var sameHost = string.Equals(record.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase);
        var alive = sameHost ? ProcessLiveness.IsAlive(record.Pid, record.ProcessStartedAt, record.ProcessStartTicks) : result is null;
        if (!sameHost)
        {
            warnings.Add($"the run was launched on host {record.Host}; its process cannot be checked from here");
        }

        // A supervisor that died leaves its current ingest running on its own: still a live run.
        var orphan = !alive && result is null && record.Supervised && supervisor?.WorkerPid is { } wp && ProcessLiveness.IsAlive(wp, supervisor.WorkerStartedAt, supervisor.WorkerStartTicks);
        RunState state;
        if (result is not null)
        {
            state = result.State;
        }
        else if (alive || orphan)
        {
            state = RunState.Running;
            if (orphan)
            {
                warnings.Add(string.Create(c, $"the supervisor (pid {record.Pid}) is gone; its ingest pid {supervisor!.WorkerPid} still runs without supervision"));
            }
        }
        else
        {
            state = RunState.Crashed;
            warnings.Add(string.Create(c, $"stale run record: pid {record.Pid} is no longer running (or was reused) and recorded no end; the run crashed or was killed. Launch again to resume."));
        }

        if (state != RunState.Running && progress is { EtaSeconds: not null })
        {
            // A run that crashed wrote no final snapshot: its last ETA no longer means anything.
            progress = progress with { EtaSeconds = null };
        }

        var ingestPid = state == RunState.Running ? (record.Supervised ? supervisor?.WorkerPid : record.Pid) : null;
        double? age = progress is null ? null : Math.Round((clock.GetUtcNow() - progress.UpdatedAt).TotalSeconds, 1);
        if (state == RunState.Running && age is { } a && a > StallAfter.TotalSeconds && supervisor?.Paused != true)
        {
            warnings.Add(string.Create(c, $"no progress written for {a:F0} s: the ingest may be stalled (see the log)"));
        }

        warnings.AddRange(LockWarnings(record.Outdir, state == RunState.Running));
        var datasets = Datasets(record, progress, clock, warnings);
        return new RunStatus
        {
            Workdir = paths.Workdir,
            State = state,
            Alive = alive,
            Paused = ControlFiles.IsPaused(paths) || supervisor?.Paused == true,
            StopRequested = state == RunState.Running && ControlFiles.IsStopRequested(paths),
            Run = record,
            Result = result,
            IngestPid = ingestPid,
            Attempt = supervisor?.Attempt,
            Progress = progress,
            ProgressAgeSeconds = age,
            Datasets = datasets,
            Restarts = supervisor?.Restarts ?? [],
            Warnings = warnings,
            LogTail = LogTail.Read(record.LogPath, logLines),
        };
    }

    private static IEnumerable<string> LockWarnings(string outdir, bool runAlive)
    {
        var info = Path.Combine(outdir, SqliteLedger.FolderName, "run.lock.info");
        if (!File.Exists(info))
        {
            yield break;
        }

        string holder;
        try
        {
            holder = Input.SharedRead.AllText(info).Trim();
        }
        catch (IOException)
        {
            yield break;
        }

        if (!LedgerView.IsRunActive(outdir))
        {
            yield return $"stale lock in {outdir} left by a run that died ({holder}); the next run takes it over";
        }
        else if (!runAlive)
        {
            yield return $"another process holds {outdir}: {holder}";
        }
    }

    private static List<DatasetProgress> Datasets(RunRecord record, ProgressSnapshot? progress, TimeProvider clock, List<string> warnings)
    {
        var database = LedgerView.DatabasePath(record.Outdir);
        IReadOnlyList<LedgerEntry> entries = [];
        if (File.Exists(database))
        {
            try
            {
                // A newer build's tables may mean other things: its run is still shown (and stop still stops it), without totals.
                if (LedgerView.TooNewProblem(record.Outdir) is { } tooNew)
                {
                    warnings.Add($"{tooNew}; the ledger's totals are left out");
                    return [];
                }

                entries = LedgerView.ReadTasks(database);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                warnings.Add($"ledger not readable: {ex.Message}");
            }
        }

        var names = entries.Select(e => e.Dataset).Append(record.Dataset).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var list = new List<DatasetProgress>();
        foreach (var name in names)
        {
            var tasks = entries.Where(e => e.Dataset == name).ToList();
            var ours = name == record.Dataset;
            var plannedTo = ours ? PlannedTo(progress) : null;
            var planned = ours ? Planned(record, plannedTo, tasks, clock, warnings) : null;
            int Count(string state) => tasks.Count(t => t.State == state);

            // Tasks are added to the ledger as they start: the planned ones it does not know yet are pending too, so the states add up to the total.
            var known = tasks.Select(t => new TaskKey(t.Dataset, t.Ticker, t.WindowStart, t.WindowEnd)).ToHashSet();
            var unseen = planned?.Count(k => !known.Contains(k)) ?? 0;
            list.Add(new DatasetProgress
            {
                Name = name,
                TasksTotal = tasks.Count + unseen,
                Done = Count("done"),
                Empty = Count("empty"),
                NotFound = Count("not-found"),
                NotEntitled = Count("not-entitled"),
                Failed = Count("failed"),
                Pending = Count("pending") + unseen,
                Running = Count("running"),
                Remaining = planned?.Count,
                PlannedTo = plannedTo is { } to ? Calendar.IsoDate.Format(to) : null,
                Waiting = plannedTo is null ? null : progress?.Waiting,
                Bars = tasks.Where(t => t.IsDone).Sum(t => t.Rows),
                Bytes = tasks.Where(t => t.IsDone).Sum(t => t.Bytes),
                TopFailures = tasks.Where(t => t.State == "failed" && t.LastError is not null)
                    .GroupBy(t => t.LastError!, StringComparer.Ordinal)
                    .Select(g => new FailureReason(g.Key, g.Count()))
                    .OrderByDescending(f => f.Count).ThenBy(f => f.Reason, StringComparer.Ordinal)
                    .Take(3)
                    .ToList(),
            });
        }

        return list;
    }

    // Where the ingest's plan ends, as it recorded it; null from an older build or before it has planned.
    private static NodaTime.LocalDate? PlannedTo(ProgressSnapshot? progress) =>
        progress?.PlannedTo is { } text && NodaTime.Text.LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    // The tasks the run still needs (the planner over the ledger), or null when they cannot be computed. The range ends
    // where the ingest's plan did: days the vendor had not published, or after the run's yesterday, are not its tasks.
    private static IReadOnlyList<TaskKey>? Planned(RunRecord record, NodaTime.LocalDate? plannedTo, List<LedgerEntry> tasks, TimeProvider clock, List<string> warnings)
    {
        if (record.Manifest is not null)
        {
            return TicksPlanned(record, tasks, warnings);
        }

        var dataset = record.Dataset == BarDataset.Minute.Name ? BarDataset.Minute : record.Dataset == BarDataset.Daily.Name ? BarDataset.Daily : null;
        if (dataset is null || record.TickersCsv is null || record.From is null || record.To is null)
        {
            return null;
        }

        try
        {
            var tickers = TickerListReader.Read(record.TickersCsv);
            var range = IngestRangeParser.Parse(record.From, record.To, clock);
            var wanted = record.FormerTickers
                ? FormerTickers.Load(record.Outdir, tickers.Tickers, range).Ranges
                : tickers.Tickers.Select(t => new TickerRange(t, range.From, range.To)).ToList();
            if (plannedTo is { } end && end < range.To)
            {
                wanted = ServedSessions.Clamp(wanted, end);
            }

            return IngestPlanner.Plan(dataset, wanted, KnownTasks(tasks), record.RetryNotEntitled);
        }
        catch (Exception ex) when (ex is InputException or FormatException or IOException)
        {
            warnings.Add($"cannot compute the tasks left: {FirstLine(ex)}");
            return null;
        }
    }

    // Sessions of the manifest (inside the run's --start-date/--end-date) the ledger has not settled.
    private static IReadOnlyList<TaskKey>? TicksPlanned(RunRecord record, List<LedgerEntry> tasks, List<string> warnings)
    {
        if (TickDataset.FromName(record.Dataset) is not { } dataset)
        {
            return null;
        }

        try
        {
            var from = IngestRangeParser.ParseOptional("--start-date", record.From);
            var to = IngestRangeParser.ParseOptional("--end-date", record.To);
            var windows = ManifestFile.Read(record.Manifest!)
                .Where(w => (from is null || w.SessionDate >= from) && (to is null || w.SessionDate <= to))
                .ToList();
            return [.. TickPlanner.Plan(dataset, windows, KnownTasks(tasks)).Select(t => t.Key)];
        }
        catch (Exception ex) when (ex is InputException or FormatException or IOException)
        {
            warnings.Add($"cannot compute the sessions left: {FirstLine(ex)}");
            return null;
        }
    }

    // A warning is one line: an input error listing every bad row keeps its first (the ingest prints them all).
    private static string FirstLine(Exception ex) =>
        ex is InputException { ProblemCount: > 1 } rows
            ? string.Create(CultureInfo.InvariantCulture, $"{rows.FirstProblem} (and {rows.ProblemCount - 1} more)")
            : ex.Message.Trim();

    private static List<LedgerTask> KnownTasks(List<LedgerEntry> tasks) => tasks.Select((t, i) => new LedgerTask
    {
        Id = i,
        Key = new TaskKey(t.Dataset, t.Ticker, t.WindowStart, t.WindowEnd),
        State = TaskStateNames.Parse(t.State),
        Adjusted = t.Adjusted,
    }).ToList();
}
