namespace SmallCaps.Core.Input;

/// <summary>Checks on a file the user names as input, before it is opened.</summary>
internal static class InputFile
{
    /// <summary>Throws <see cref="InputException"/> when <paramref name="path"/> is a folder or does not exist; <paramref name="what"/> names it (e.g. "manifest").</summary>
    public static void MustExist(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: {what} is a folder, not a file");
        }

        if (!File.Exists(path))
        {
            throw new InputException($"{path}: {what} not found");
        }
    }
}
