using System.Globalization;

namespace SmallCaps.Core.Input;

/// <summary>
/// Collects the bad rows of one input file so that all of them are reported at once (the first
/// <see cref="Shown"/>, then a count), instead of one per run of the command.
/// </summary>
internal sealed class RowProblems
{
    /// <summary>Problems listed one per line; the rest are counted.</summary>
    public const int Shown = 20;

    private readonly List<string> lines = [];

    /// <summary>Bad rows found so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one located problem (<c>file:line: what is wrong</c>).</summary>
    public void Add(string problem)
    {
        Count++;
        if (lines.Count < Shown)
        {
            lines.Add(problem);
        }
    }

    /// <summary>Throws one <see cref="InputException"/> listing every problem, one per line, when there is any.</summary>
    public void ThrowIfAny()
    {
        if (Count == 0)
        {
            return;
        }

        var shown = Count > lines.Count
            ? [.. lines, string.Create(CultureInfo.InvariantCulture, $"... and {Count - lines.Count} more bad rows")]
            : lines;

        // The CLI prints "error: " before the message; each further line gets it too, so every line reads alike.
        throw new InputException(string.Join("\nerror: ", shown), lines[0], Count);
    }
}
