using NodaTime;

namespace SmallCaps.Core.Input;

/// <summary>The validated, inclusive New York date range of an ingest run.</summary>
/// <param name="From">First session date asked for.</param>
/// <param name="To">Last session date, never later than the last complete New York day.</param>
/// <param name="Notice">A one-line notice when <see cref="To"/> was clamped; otherwise null.</param>
public sealed record IngestRange(LocalDate From, LocalDate To, string? Notice);
