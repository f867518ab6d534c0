using Microsoft.Data.Sqlite;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Cli.Tests.Ingest;

/// <summary>What a verb that threw prints and returns.</summary>
public sealed class ExitCodeForTests
{
    [Fact]
    public void ExitCodeFor_LedgerFull_SaysTheDiskIsFullAndExitsOne()
    {
        // Given: what select-universe threw on a full disk before it said so
        using var error = new StringWriter();

        // When
        var code = IngestCommandHandler.ExitCodeFor(new SqliteException("SQLite Error 13: 'database or disk is full'.", 13), error);

        // Then
        Assert.Equal(ExitCodes.SomeFailed, code);
        Assert.StartsWith("error: no space left on the disk (SQLite Error 13", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("run the same command again to resume", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ExitCodeFor_OtherError_NamesItsTypeAndMessage()
    {
        using var error = new StringWriter();

        var code = IngestCommandHandler.ExitCodeFor(new IOException("Input/output error"), error);

        Assert.Equal(ExitCodes.SomeFailed, code);
        Assert.Equal("error: IOException: Input/output error" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void ExitCodeFor_OutputHeld_OneLineNamingBothFilesExitOne()
    {
        // Given: select-universe could not replace its CSV and kept the result beside it
        using var error = new StringWriter();
        var held = new Core.Output.ResultNotReplacedException("/d/u.csv", "/d/u.new-20251017T223000Z.csv", new IOException("Sharing violation."));

        // When
        var code = IngestCommandHandler.ExitCodeFor(held, error);

        // Then: no exception type name, just what happened and where the result is
        Assert.Equal(ExitCodes.SomeFailed, code);
        Assert.Equal("error: could not replace /d/u.csv (Sharing violation. Is it open in another program, e.g. Excel?); the result was written to /d/u.new-20251017T223000Z.csv" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void ExitCodeFor_Outage_ExitOneNotThree()
    {
        // Given: the transport gave up after the outage budget
        using var error = new StringWriter();
        var outage = new Core.Http.MassiveApiException(Core.Http.MassiveErrorKind.Unavailable, "the API or the network stayed down for over 10 minutes (last: refused); stopped, the same command resumes", isTransient: true);

        // When
        var code = IngestCommandHandler.ExitCodeFor(outage, error);

        // Then: a re-run resumes; 3 would tell a script the key or plan is wrong
        Assert.Equal(ExitCodes.SomeFailed, code);
        Assert.StartsWith("error: the API or the network stayed down", error.ToString(), StringComparison.Ordinal);
    }
}
