using System.Text.Json;
using SmallCaps.Core.Runs;

namespace SmallCaps.Core.Tests.Runs;

/// <summary>Pins the documented <c>status --json</c> shape (schema 1): a rename here breaks users' scripts.</summary>
public sealed class RunStatusJsonTests
{
    [Fact]
    public void Serialize_FullStatus_HasExactlyTheDocumentedNames()
    {
        // Given
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var status = new RunStatus
        {
            Workdir = "/w",
            State = RunState.Running,
            Run = new RunRecord { RunId = "r", Verb = "ingest-minute", Dataset = "bars_1m", CommandLine = "smallcaps ingest-minute", Outdir = "/o", TickersCsv = "/t.csv", From = "2024-01-01", To = "2024-12-31", Pid = 1, Host = "h", StartedAt = at, LogPath = "/w/logs/r.log" },
            Result = new RunResult("r", RunState.Finished, 0, at, "exit 0 (done)"),
            Progress = new ProgressSnapshot { RunId = "r", Pid = 2, Dataset = "bars_1m", UpdatedAt = at },
            Datasets = [new DatasetProgress { Name = "bars_1m", TopFailures = [new FailureReason("x", 1)] }],
            Restarts = [new RestartRecord(at, 1, 137, "exit 137", TimeSpan.FromSeconds(5), false)],
        };

        // When
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(status, RunJson.Options));
        var root = doc.RootElement;

        // Then
        Assert.Equal(
            ["schema", "workdir", "state", "alive", "paused", "stopRequested", "run", "result", "ingestPid", "attempt", "progress", "progressAgeSeconds", "datasets", "restarts", "warnings", "logTail"],
            Names(root));
        Assert.Equal(
            ["schema", "runId", "verb", "dataset", "commandLine", "outdir", "tickersCsv", "from", "to", "formerTickers", "retryNotEntitled", "resumeCommandLine", "manifest", "supervised", "pid", "processStartedAt", "processStartTicks", "host", "startedAt", "logPath"],
            Names(root.GetProperty("run")));
        Assert.Equal(["runId", "state", "exitCode", "endedAt", "detail"], Names(root.GetProperty("result")));
        Assert.Equal(
            ["runId", "pid", "dataset", "updatedAt", "tasksPlanned", "tasksFinished", "done", "failed", "bars", "bytes", "elapsedSeconds", "requests", "requestsPerSecond", "rateLimited", "retries", "currentRateLimit", "etaSeconds", "final", "phase", "plannedTo", "waiting"],
            Names(root.GetProperty("progress")));
        Assert.Equal(
            ["name", "tasksTotal", "done", "empty", "notFound", "notEntitled", "failed", "pending", "running", "remaining", "plannedTo", "waiting", "bars", "bytes", "topFailures"],
            Names(root.GetProperty("datasets")[0]));
        Assert.Equal(["reason", "count"], Names(root.GetProperty("datasets")[0].GetProperty("topFailures")[0]));
        Assert.Equal(["at", "attempt", "exitCode", "cause", "delay", "gaveUp"], Names(root.GetProperty("restarts")[0]));
        Assert.Equal("running", root.GetProperty("state").GetString());
        Assert.Equal("00:00:05", root.GetProperty("restarts")[0].GetProperty("delay").GetString());
    }

    [Fact]
    public void Write_CrashedRunWithRestarts_TextNamesStateRestartsAndWarnings()
    {
        // Given
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var status = new RunStatus
        {
            Workdir = "/w",
            State = RunState.Crashed,
            Run = new RunRecord { RunId = "r1", Verb = "ingest-minute", Dataset = "bars_1m", CommandLine = "smallcaps ingest-minute", Outdir = "/o", TickersCsv = "/t.csv", From = "2024-01-01", To = "2024-12-31", Pid = 1, Host = "h", StartedAt = at, LogPath = "/w/logs/r1.log", Supervised = true },
            Datasets = [new DatasetProgress { Name = "bars_1m", TasksTotal = 10, Done = 4, Failed = 1, Remaining = 6, TopFailures = [new FailureReason("IOException: disk full", 1)] }],
            Restarts = [new RestartRecord(at, 1, 137, "exit 137 (killed by signal 9 SIGKILL)", TimeSpan.FromSeconds(5), false)],
            Attempt = 2,
            Warnings = ["stale run record: pid 1 is no longer running"],
            LogTail = ["last line"],
        };
        using var text = new StringWriter();

        // When
        RunStatusText.Write(status, text);

        // Then
        var s = text.ToString();
        Assert.Contains("run r1: crashed", s);
        Assert.Contains("tasks 4/10 settled", s);
        Assert.Contains("1 x IOException: disk full", s);
        Assert.Contains("restarts   1 (attempt 2)", s);
        Assert.Contains("warning: stale run record", s);
        Assert.EndsWith("last line" + Environment.NewLine, s);
    }

    [Theory]
    [InlineData(0, "exit 0 (done)", "  ended      2026-01-02 03:04:05Z, exit 0 (done)")]
    [InlineData(130, "stop requested; launch again to resume", "  ended      2026-01-02 03:04:05Z, exit 130: stop requested; launch again to resume")]
    [InlineData(1, "exit 130 (interrupted)", "  ended      2026-01-02 03:04:05Z, exit 1: exit 130 (interrupted)")]
    public void Write_FinishedRun_NamesTheExitCodeOnce(int exitCode, string detail, string expected)
    {
        // Given
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var status = new RunStatus
        {
            Workdir = "/w",
            State = RunState.Finished,
            Run = new RunRecord { RunId = "r", Verb = "ingest-daily", Dataset = "bars_1d", CommandLine = "smallcaps ingest-daily", Outdir = "/o", TickersCsv = "/t.csv", From = "2024-01-01", To = "2024-12-31", Pid = 1, Host = "h", StartedAt = at, LogPath = "/w/logs/r.log" },
            Result = new RunResult("r", RunState.Finished, exitCode, at, detail),
        };
        using var text = new StringWriter();

        // When
        RunStatusText.Write(status, text);

        // Then
        Assert.Contains(expected + Environment.NewLine, text.ToString(), StringComparison.Ordinal);
    }

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
