using System.Reflection;
using Microsoft.Data.Sqlite;
using NodaTime;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ledger;

/// <summary>
/// A ledger that cannot grow (SQLITE_FULL, as on a full disk) reports that, and works again once it can. (A commit that
/// fails on a full disk was checked by hand on a small tmpfs: SQLite limits cannot make a commit fail.)
/// </summary>
public sealed class LedgerFullTests
{
    [Fact]
    public void Transaction_LedgerFullMidStatement_ThrowsTheFullErrorAndLeavesTheLedgerUsable()
    {
        // Given: a ledger whose file may not grow past its current pages (SQLite's own limit, per connection)
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var connection = (SqliteConnection)typeof(SqliteLedger).GetField("_connection", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(ledger)!;
        Pragma(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        var pages = Pragma(connection, "PRAGMA page_count;");
        Pragma(connection, $"PRAGMA max_page_count = {pages};");

        // When: a transaction writes more than fits
        var error = Record.Exception(() =>
        {
            using var tx = ledger.Begin();
            for (var i = 0; i < 2_000; i++)
            {
                tx.EnsureTask(new TaskKey("bars_1d", $"T{i:D5}{new string('X', 200)}", new LocalDate(2024, 1, 1), new LocalDate(2024, 12, 31)), adjusted: true, "day");
            }

            tx.Commit();
        });

        // Then: the full error itself (not a failed rollback hiding it), and the ledger takes a write once there is room
        Assert.True(DiskFull.Is(error!), error?.ToString());
        Pragma(connection, "PRAGMA max_page_count = 1073741823;");
        using (var tx = ledger.Begin())
        {
            tx.EnsureTask(new TaskKey("bars_1d", "AAA", new LocalDate(2024, 1, 1), new LocalDate(2024, 12, 31)), adjusted: true, "day");
            tx.Commit();
        }

        Assert.Single(ledger.Tasks("bars_1d"));
    }

    private static long Pragma(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar() is long value ? value : 0;
    }
}
