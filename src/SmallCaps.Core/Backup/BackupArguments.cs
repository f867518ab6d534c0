using System.Globalization;

namespace SmallCaps.Core.Backup;

/// <summary>Checks the backup verbs' folders and label before anything is written: one line naming the option.</summary>
internal static class BackupArguments
{
    /// <summary>Longest <c>--label</c>: the snapshot folder's name stays far below the 255 characters file systems allow.</summary>
    public const int MaxLabelLength = 64;

    /// <summary>
    /// The full path of a folder option; throws <see cref="ArgumentException"/> when it is empty, not a path, a file, or
    /// under a file (the folder need not exist yet).
    /// </summary>
    public static string Folder(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{option} is empty; give a folder");
        }

        string full;
        try
        {
            full = Path.GetFullPath(value);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"{option} {value} is not a valid path ({ex.Message})", ex);
        }

        if (File.Exists(full))
        {
            throw new ArgumentException($"{option} {value} is a file, not a folder");
        }

        // The nearest existing parent must be a folder too, or the folder cannot be made.
        if (Input.OutputPaths.FileAncestor(full) is { } file)
        {
            throw new ArgumentException($"{option} {value}: {file} is a file, not a folder");
        }

        return full;
    }

    /// <summary>
    /// The label as it goes into the snapshot's name (trimmed, spaces as '-'), null for none; throws
    /// <see cref="ArgumentException"/> when it is too long or holds a character other than letters, digits, '.', '_', '-'.
    /// </summary>
    public static string? Label(string? label)
    {
        var trimmed = label?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > MaxLabelLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--label is {trimmed.Length} characters long; at most {MaxLabelLength} (it becomes part of the snapshot folder's name)"));
        }

        foreach (var ch in trimmed)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch is not ('.' or '_' or '-' or ' '))
            {
                var shown = char.IsControl(ch) || char.IsWhiteSpace(ch) ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)ch:X4}") : $"'{ch}'";
                throw new ArgumentException($"--label holds {shown}; use letters, digits, '.', '_' and '-' (a space becomes '-')");
            }
        }

        return trimmed.Replace(' ', '-');
    }
}
