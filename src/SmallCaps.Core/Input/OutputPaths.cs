namespace SmallCaps.Core.Input;

/// <summary>
/// Up-front checks of the paths a verb will write, so a bad one is one line naming the option before any request
/// is sent or any file is created (not an exception from deep inside the run, after hours of fetching).
/// </summary>
public static class OutputPaths
{
    /// <summary>The folders a lake run creates in its outdir; a file in their place would fail the run later.</summary>
    private static readonly string[] LakeFolders = ["_logs", "_ledger"];

    /// <summary>A folder the verb creates or reuses; returns its full path.</summary>
    /// <param name="option">The option that named it, e.g. <c>--outdir</c>.</param>
    /// <param name="path">The path as given.</param>
    public static string Folder(string option, string? path)
    {
        var full = FullPath(option, path);
        if (System.IO.File.Exists(full))
        {
            throw new InputException($"{option} {Shown(path)} is a file, not a folder");
        }

        CheckAncestors(option, path, full);
        return full;
    }

    /// <summary>A lake root: <see cref="Folder"/>, and its <c>_logs</c> and <c>_ledger</c> are not files either.</summary>
    public static string Lake(string option, string? path)
    {
        var full = Folder(option, path);
        foreach (var sub in LakeFolders.Select(f => Path.Combine(full, f)).Where(File.Exists))
        {
            throw new InputException($"{option} {Shown(path)}: {sub} is a file, where the lake keeps a folder");
        }

        return full;
    }

    /// <summary>A file the verb writes (replacing an old one); returns its full path.</summary>
    public static string OutputFile(string option, string? path)
    {
        var full = FullPath(option, path);
        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path!))
        {
            throw new InputException($"{option} {Shown(path)} is a folder, not a file");
        }

        CheckAncestors(option, path, full);
        return full;
    }

    /// <summary>How this platform's file systems compare paths by default: Windows and macOS ignore case.</summary>
    public static StringComparison PathComparison { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// The nearest existing ancestor of <paramref name="full"/> when it is a file (nothing can be created under it), else
    /// null: the first existing ancestor must be a folder.
    /// </summary>
    public static string? FileAncestor(string full)
    {
        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent))
            {
                return null;
            }

            if (File.Exists(parent))
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>Two output options naming one file would leave only the last one written.</summary>
    public static void Distinct(params (string Option, string? FullPath)[] outputs)
    {
        var given = outputs.Where(o => o.FullPath is not null).ToList();
        for (var i = 0; i < given.Count; i++)
        {
            for (var j = i + 1; j < given.Count; j++)
            {
                if (string.Equals(given[i].FullPath, given[j].FullPath, PathComparison))
                {
                    throw new InputException($"{given[i].Option} and {given[j].Option} name the same file {given[i].FullPath}; give each its own");
                }
            }
        }
    }

    private static string FullPath(string option, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InputException($"{option} is empty");
        }

        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InputException($"{option} {Shown(path)} is not a usable path ({ex.Message})", ex);
        }
    }

    // Creating anything under a file fails deep in the run.
    private static void CheckAncestors(string option, string? path, string full)
    {
        if (FileAncestor(full) is { } file)
        {
            throw new InputException($"{option} {Shown(path)}: {file} is a file, not a folder");
        }
    }

    private static string Shown(string? path) => EchoedValue.Of(path, EchoedValue.MaxPathLength) is var shown && shown.Contains(' ', StringComparison.Ordinal) ? $"\"{shown}\"" : shown;
}
