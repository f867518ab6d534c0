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
}
