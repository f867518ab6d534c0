using SmallCaps.Parquet;

namespace SmallCaps.Core.Verify;

/// <summary>Which exceptions mean "this file of the lake is bad" (a finding) rather than a bug or a cancellation.</summary>
internal static class FileProblem
{
    /// <summary>
    /// True for what a damaged or foreign file makes the readers throw: format and I/O errors, and the argument, index
    /// and overflow errors corrupt values (lengths, offsets, out-of-range times) lead to.
    /// </summary>
    public static bool Is(Exception ex) => ex is ParquetFormatException or IOException or InvalidDataException or UnauthorizedAccessException
        or ArgumentException or IndexOutOfRangeException or OverflowException or FormatException
        or Input.InputException or Universe.UniverseInputException;

    /// <summary>The exception's message on one line.</summary>
    public static string Describe(Exception ex) => ex.Message.ReplaceLineEndings(" ");
}
