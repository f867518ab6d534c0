using NodaTime;

namespace SmallCaps.Core.Ingest;

/// <summary>Where a run ends because of what the vendor has published (see <see cref="ServedSessions"/>).</summary>
/// <param name="End">The last date the run fetches.</param>
/// <param name="Notice">One line saying why, for the console and the run log.</param>
/// <param name="Waiting">Why the sessions after <paramref name="End"/> wait for a later run (status says it); null when none do.</param>
internal sealed record ServedEnd(LocalDate End, string Notice, string? Waiting = null);
