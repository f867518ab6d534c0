using NodaTime;

namespace SmallCaps.Core.Manifest;

/// <summary>How events become windows.</summary>
public sealed record ManifestOptions
{
    /// <summary>Ticker column; null tries <c>ticker</c> then <c>symbol</c>.</summary>
    public string? TickerColumn { get; init; }

    /// <summary>Timestamp column; null tries <c>timestamp</c>, <c>datetime</c>, <c>time</c>, <c>ts</c>, <c>event_time</c>.</summary>
    public string? TimeColumn { get; init; }

    /// <summary>Date column (an event without a time covers the whole session); null tries <c>date</c>, <c>session_date</c>.</summary>
    public string? DateColumn { get; init; }

    /// <summary>Window start before each event. <value>The default value is 30 minutes.</value></summary>
    public Duration Before { get; init; } = Duration.FromMinutes(30);

    /// <summary>Window end after each event. <value>The default value is 60 minutes.</value></summary>
    public Duration After { get; init; } = Duration.FromMinutes(60);

    /// <summary>Every event covers its whole session (04:00-20:00 New York).</summary>
    public bool WholeSession { get; init; }

    /// <summary>Zone of timestamps written without an offset. <value>The default value is America/New_York.</value></summary>
    public DateTimeZone NaiveZone { get; init; } = Calendar.NewYorkTime.Zone;

    /// <summary>First session date kept (inclusive), or null.</summary>
    public LocalDate? StartDate { get; init; }

    /// <summary>Last session date kept (inclusive), or null.</summary>
    public LocalDate? EndDate { get; init; }
}
