using NodaTime;

namespace SmallCaps.Core.Universe;

/// <summary>The outcome of a selection: the members (sorted by ticker) and the funnel.</summary>
internal sealed record UniverseSelection(LocalDate Date, IReadOnlyList<UniverseCandidate> Members, UniverseFunnel Funnel);
