using Microsoft.Data.Sqlite;
using SmallCaps.Core.Input;
using SmallCaps.Core.Verify;

namespace SmallCaps.Cli.Ingest;

/// <summary>Checks against what the lake already holds, made before the outdir is locked or any log is opened.</summary>
internal static class HeldTickers
{
    /// <summary>
    /// Throws <see cref="InputException"/> when a ticker asked differs only in case from one the lake holds for
    /// <paramref name="dataset"/> (one folder on Windows and macOS), or when the ledger is not a database.
    /// </summary>
    public static void EnsureNoCaseTwin(string outdir, string dataset, IEnumerable<string> asked)
    {
        var ledger = LedgerView.DatabasePath(outdir);
        if (!File.Exists(ledger))
        {
            return;
        }

        IReadOnlyList<LedgerEntry> held;
        try
        {
            held = LedgerView.ReadTasks(ledger);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1 && ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            // A ledger created by a run that stopped before its first task: nothing is held yet.
            return;
        }
        catch (SqliteException ex)
        {
            throw new InputException($"{ledger} is not a readable ledger ({ex.Message.TrimEnd('.')}): move it aside, or restore it from a backup", ex);
        }

        if (TickerRules.CaseTwinOfHeld(asked, held.Where(e => e.Dataset == dataset).Select(e => e.Ticker)) is { } twins)
        {
            throw new InputException(TickerRules.CaseTwinOfHeldProblem(twins));
        }
    }
}
