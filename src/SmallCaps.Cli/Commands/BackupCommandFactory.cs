using System.CommandLine;
using System.Globalization;
using SmallCaps.Cli.Output;
using SmallCaps.Core.Backup;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// <c>smallcaps backup create|verify|restore|prune</c>: incremental, content-addressed snapshots of an
/// outdir, consistent while an ingest runs. Exit 0 clean, 1 with problems, 2 bad input, 4 destination in use.
/// </summary>
internal static class BackupCommandFactory
{
    public static Command Create(CliContext context)
    {
        var command = new Command("backup", "Snapshots of an outdir: create (incremental), verify (re-hash), restore (and check), prune (keep the newest).");
        command.Subcommands.Add(CreateVerb(context));
        command.Subcommands.Add(VerifyVerb(context));
        command.Subcommands.Add(RestoreVerb(context));
        command.Subcommands.Add(PruneVerb(context));
        return command;
    }

    private static Command CreateVerb(CliContext context)
    {
        var source = new Option<string>("--source", "--outdir") { Description = "The outdir to back up (--outdir works too, as in the other verbs).", Required = true, HelpName = "DIR" };
        var dest = new Option<string>("--dest") { Description = "Backup destination (objects/ and snapshots/ live there).", Required = true, HelpName = "DIR" };
        var label = new Option<string?>("--label") { Description = "Label appended to the snapshot name: at most 64 letters, digits, '.', '_', '-' (a space becomes '-').", HelpName = "TEXT" };
        var verb = new Command("create", "Snapshot the ledger (SQLite backup API), the files it marks done, and other non-temp files; unchanged content is not copied again.")
        {
            source, dest, label,
        };
        verb.SetAction((ParseResult r, CancellationToken ct) => Guard(context, async () =>
        {
            var options = new BackupCreateOptions { Source = r.GetValue(source)!, Destination = r.GetValue(dest)!, Label = r.GetValue(label), Clock = context.Clock };
            var result = await WorkWithProgress.RunAsync(context.Console, context.Clock, p => SnapshotCreator.Create(options with { Progress = p }, ct), s => WorkProgressLine.Format(s, copies: true), ct);
            var o = context.Console.Out;
            await o.WriteLineAsync($"snapshot {result.SnapshotPath}");
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.Files} files, {result.Bytes:N0} bytes; copied {result.CopiedFiles} files ({result.CopiedBytes:N0} bytes), hashed {result.HashedFiles}; incremental against {(result.PreviousSnapshot is null ? "nothing (first snapshot)" : Path.GetFileName(result.PreviousSnapshot))}"));
            return await Problems(context, result.Problems, "left out");
        }, ("--source", r.GetValue(source)), ("--dest", r.GetValue(dest))));
        return verb;
    }

    private static Command VerifyVerb(CliContext context)
    {
        var snapshot = new Option<string>("--snapshot") { Description = "The snapshot folder.", Required = true, HelpName = "DIR" };
        var verb = new Command("verify", "Re-hash every file of a snapshot and report missing or corrupt ones.") { snapshot };
        verb.SetAction((ParseResult r, CancellationToken ct) => Guard(context, async () =>
        {
            var result = await WorkWithProgress.RunAsync(context.Console, context.Clock, p => SnapshotVerifier.Verify(r.GetValue(snapshot)!, p, ct), s => WorkProgressLine.Format(s), ct);
            await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.Files} files, {result.Bytes:N0} bytes re-hashed"));
            return await Problems(context, result.Problems, "bad");
        }, ("--snapshot", r.GetValue(snapshot))));
        return verb;
    }

    private static Command PruneVerb(CliContext context)
    {
        var dest = new Option<string>("--dest") { Description = "Backup destination.", Required = true, HelpName = "DIR" };
        var keep = new Option<int>("--keep") { Description = "Newest snapshots to keep (at least 1); older ones and the content only they need are removed.", Required = true, HelpName = "N" };
        var verb = new Command("prune", "Keep the newest snapshots of a destination and remove the rest, with every object no kept snapshot needs.") { dest, keep };
        verb.SetAction((ParseResult r, CancellationToken ct) => Guard(context, async () =>
        {
            if (r.GetValue(keep) < 1)
            {
                await context.Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error: --keep must be at least 1 (got {r.GetValue(keep)})"));
                return ExitCodes.BadInput;
            }

            var result = await Task.Run(() => SnapshotPruner.Prune(r.GetValue(dest)!, r.GetValue(keep), ct), ct);
            await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"removed {result.RemovedSnapshots.Count} snapshots and {result.RemovedObjects} objects ({result.FreedBytes:N0} bytes); kept {result.Kept.Count}: {string.Join(", ", result.Kept.Select(Path.GetFileName))}"));
            return ExitCodes.Ok;
        }, ("--dest", r.GetValue(dest))));
        return verb;
    }

    private static Command RestoreVerb(CliContext context)
    {
        var snapshot = new Option<string>("--snapshot") { Description = "The snapshot folder.", Required = true, HelpName = "DIR" };
        var to = new Option<string>("--to") { Description = "A new or empty folder to restore into.", Required = true, HelpName = "DIR" };
        var verb = new Command("restore", "Restore a snapshot into an empty folder and check every restored file's hash.") { snapshot, to };
        verb.SetAction((ParseResult r, CancellationToken ct) => Guard(context, async () =>
        {
            var result = await WorkWithProgress.RunAsync(context.Console, context.Clock, p => SnapshotRestorer.Restore(r.GetValue(snapshot)!, r.GetValue(to)!, p, ct), s => WorkProgressLine.Format(s), ct);
            await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"restored {result.RestoredFiles} of {result.Files} files ({result.RestoredBytes:N0} bytes) into {Path.GetFullPath(r.GetValue(to)!)}, hashes checked"));
            return await Problems(context, result.Problems, "not restored");
        }, ("--snapshot", r.GetValue(snapshot)), ("--to", r.GetValue(to))));
        return verb;
    }

    private static async Task<int> Problems(CliContext context, IReadOnlyList<BackupProblem> problems, string what)
    {
        foreach (var p in problems)
        {
            await context.Console.Out.WriteLineAsync($"{what}: {p.Path}: {p.Reason}");
        }

        await context.Console.Out.WriteLineAsync(problems.Count == 0 ? "ok" : string.Create(CultureInfo.InvariantCulture, $"{problems.Count} problems"));
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.SomeFailed;
    }

    // Usage errors (missing folders, not a snapshot, non-empty target, a folder the user may not write) are one line and exit 2.
    internal static async Task<int> Guard(CliContext context, Func<Task<int>> run, params (string Option, string? Path)[] paths)
    {
        try
        {
            return await run();
        }
        catch (Core.Ledger.OutdirLockedException ex)
        {
            await context.Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.OutdirLocked;
        }
        catch (Exception ex) when (Core.Lake.DiskFull.Is(ex))
        {
            // Not bad input: the destination (or the restore folder) filled up. Objects already copied are kept and reused.
            await context.Console.Error.WriteLineAsync($"error: {Core.Lake.DiskFull.Line(ex)}");
            return ExitCodes.SomeFailed;
        }
        catch (UnauthorizedAccessException ex)
        {
            // The denied path lies under one of the user's folders: that option is what to fix.
            if (OptionHolding(ex.Message, paths) is { } given)
            {
                await context.Console.Error.WriteLineAsync($"error: {given.Option} {given.Path}: permission denied ({ex.Message})");
                return ExitCodes.BadInput;
            }

            await context.Console.Error.WriteLineAsync($"error: permission denied ({ex.Message})");
            return ExitCodes.SomeFailed;
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException or ArgumentException or InvalidDataException or IOException)
        {
            await context.Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }

    // The option whose folder holds the path the message quotes ("Access to the path '…' is denied."), the deepest
    // when one folder holds another.
    private static (string Option, string Path)? OptionHolding(string message, (string Option, string? Path)[] paths)
    {
        var first = message.IndexOf('\'', StringComparison.Ordinal);
        var last = message.LastIndexOf('\'');
        if (first < 0 || last <= first + 1)
        {
            return null;
        }

        var denied = Path.GetFullPath(message[(first + 1)..last]);
        return paths
            .Where(p => !string.IsNullOrWhiteSpace(p.Path))
            .Select(p => (p.Option, Path: p.Path!, Full: Path.TrimEndingDirectorySeparator(Path.GetFullPath(p.Path!))))
            .Where(p => denied == p.Full || denied.StartsWith(p.Full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderByDescending(p => p.Full.Length)
            .Select(p => ((string Option, string Path)?)(p.Option, p.Path))
            .FirstOrDefault();
    }
}
