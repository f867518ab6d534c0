using SmallCaps.Core.Input;
using SmallCaps.Core.Runs;

namespace SmallCaps.Cli.Commands;

/// <summary>A run.json that exists but does not parse is said so: read as "no run launched" it would hide a live run.</summary>
internal static class RunRecordCheck
{
    /// <summary>Throws <see cref="InputException"/> naming the file when the workdir's run record exists and is not one.</summary>
    public static void EnsureReadable(RunPaths paths)
    {
        if (File.Exists(paths.Record) && RunJson.Read<RunRecord>(paths.Record) is null)
        {
            throw new InputException($"{paths.Record} is unreadable (not a run record): a run may still be alive; check its processes, then move the file aside");
        }
    }
}
