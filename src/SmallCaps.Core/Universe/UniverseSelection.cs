using NodaTime;

namespace SmallCaps.Core.Universe;

/// <summary>The outcome of a selection: the members (sorted by ticker), the funnel, and warnings the run prints.</summary>
internal sealed record UniverseSelection(LocalDate Date, IReadOnlyList<UniverseCandidate> Members, UniverseFunnel Funnel)
{
    /// <summary>What the user should know about the selection, one line each (printed as <c>warning: ...</c>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
