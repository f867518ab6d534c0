using SmallCaps.Cli.Commands;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Runs;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Commands;

/// <summary>The resume line of a run record an older build wrote (no resumeCommandLine, the command line as typed).</summary>
public sealed class ResumeLineTests
{
    [Fact]
    public void For_OlderRecordWithRelativePaths_TakesTheRecordsAbsolutePaths()
    {
        // Given: launched from "here" as an older build records it (a space in the lake's name, so it was quoted)
        using var dir = new TempDirectory();
        var here = dir.Combine("here");
        var record = OlderRecord(here, "smallcaps ingest-minute --tickers-csv t10.csv --outdir \"my lake\" --from 2019-01-01 --to 2024-06-30 --base-url http://127.0.0.1:40743 --max-rps 2") with
        {
            Outdir = Path.Combine(here, "my lake"),
        };

        // When
        var line = ResumeLine.For(record, RunPaths.For(dir.Combine("wd")));

        // Then
        Assert.Equal(
            $"resume with: smallcaps launch ingest-minute --tickers-csv {Shell(here, "t10.csv")} --outdir {Shell(here, "my lake")} --from 2019-01-01 --to 2024-06-30 --base-url http://127.0.0.1:40743 --max-rps 2 --workdir {Shell(dir.Path, "wd")} --supervise",
            line);
    }

    [Fact]
    public void For_OlderRecordWithJoinedValuesAndAKey_AbsolutePathsAndNoKey()
    {
        // Given: --outdir=lake and a redacted key in the recorded line
        using var dir = new TempDirectory();
        var here = dir.Combine("here");
        var record = OlderRecord(here, "smallcaps ingest-daily --api-key *** --tickers-csv=t10.csv --outdir=lake --from 2024-01-01");

        // When
        var line = ResumeLine.For(record, RunPaths.For(dir.Combine("wd")));

        // Then
        Assert.Equal($"resume with: smallcaps launch ingest-daily {CommandLineText.ForShell("--tickers-csv=" + Path.Combine(here, "t10.csv"))} {CommandLineText.ForShell("--outdir=" + Path.Combine(here, "lake"))} --from 2024-01-01 --workdir {Shell(dir.Path, "wd")} --supervise", line);
    }

    [Theory]
    [InlineData("smallcaps ingest-trades --manifest m.csv --outdir lake")]
    [InlineData("smallcaps ingest-daily --tickers-csv \"t 10.csv --outdir lake")]
    public void For_OlderRecordWhosePathsCannotBeMadeAbsolute_SaysTheLineIsForTheFolderOfTheLaunch(string commandLine)
    {
        // Given: a path option the record holds no absolute path for, or a line that does not split back into its arguments
        using var dir = new TempDirectory();
        var record = OlderRecord(dir.Combine("here"), commandLine);

        // When
        var line = ResumeLine.For(record, RunPaths.For(dir.Combine("wd")));

        // Then
        Assert.StartsWith("resume from the folder the run was launched in (its older run record keeps the paths as typed): smallcaps launch ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void For_RecordOfThisVersion_ItsOwnLine()
    {
        using var dir = new TempDirectory();
        var record = OlderRecord(dir.Path, "smallcaps ingest-daily --outdir lake") with { ResumeCommandLine = "smallcaps launch ingest-daily --outdir /abs/lake --workdir /w" };

        Assert.Equal("resume with: smallcaps launch ingest-daily --outdir /abs/lake --workdir /w", ResumeLine.For(record, RunPaths.For(dir.Path)));
    }

    private static string Shell(string folder, string name) => CommandLineText.ForShell(Path.Combine(folder, name));

    private static RunRecord OlderRecord(string here, string commandLine) => new()
    {
        RunId = "20261122T055532Z-8d79",
        Verb = "ingest-minute",
        Dataset = "bars_1m",
        CommandLine = commandLine,
        Outdir = Path.Combine(here, "lake"),
        TickersCsv = Path.Combine(here, "t10.csv"),
        From = "2019-01-01",
        To = "2024-06-30",
        Supervised = true,
        Pid = 0,
        Host = Environment.MachineName,
        StartedAt = DateTimeOffset.UnixEpoch,
        LogPath = Path.Combine(here, "run.log"),
    };
}
