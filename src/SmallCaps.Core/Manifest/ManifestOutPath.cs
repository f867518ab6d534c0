using SmallCaps.Core.Input;

namespace SmallCaps.Core.Manifest;

/// <summary>The <c>--out</c> of <c>manifest</c>: checked before the events are read, so a bad path is exit 2 with nothing written.</summary>
internal static class ManifestOutPath
{
    /// <summary>Throws <see cref="InputException"/> naming --out when <paramref name="outPath"/> cannot be the manifest written from <paramref name="eventsPath"/>.</summary>
    public static void Check(string outPath, string eventsPath)
    {
        if (string.IsNullOrWhiteSpace(outPath))
        {
            throw new InputException("--out is empty: name the manifest to write (.csv or .parquet)");
        }

        string full;
        try
        {
            full = Path.GetFullPath(outPath);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InputException($"--out {outPath} is not a valid path ({ex.Message})", ex);
        }

        if (Directory.Exists(full))
        {
            throw new InputException($"--out {outPath} is a folder, not a file");
        }

        if (Same(full, eventsPath))
        {
            throw new InputException($"--out {outPath} is the --events file; writing the manifest there would replace the events");
        }

        if (OutputPaths.FileAncestor(full) is { } file)
        {
            throw new InputException($"--out {outPath}: {file} is a file, not a folder");
        }
    }

    /// <summary>Writes the manifest; a folder or file the user may not write is an input error naming --out.</summary>
    public static async Task WriteAsync(string outPath, IReadOnlyList<ManifestWindow> windows, CancellationToken cancellationToken)
    {
        try
        {
            await ManifestFile.WriteAsync(outPath, windows, cancellationToken);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InputException($"--out {outPath}: cannot write ({ex.Message})", ex);
        }
    }

    // Compared after following links, so a link to the events file is caught too.
    private static bool Same(string fullOut, string eventsPath)
    {
        try
        {
            return string.Equals(Resolved(fullOut), Resolved(Path.GetFullPath(eventsPath)), OutputPaths.PathComparison);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static string Resolved(string full) =>
        File.Exists(full) && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target ? target.FullName : full;
}
