using NodaTime;

namespace SmallCaps.Core.Calendar;

/// <summary>
/// Conversions between UTC instants (Unix ms/ns, as the vendor sends them) and America/New_York
/// local time. The session date of a bar or tick is its New York date, never its UTC date.
/// </summary>
public static class NewYorkTime
{
    private const long NanosecondsPerMillisecond = 1_000_000;

    /// <summary>The America/New_York zone from the tzdb embedded in NodaTime (independent of the OS).</summary>
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["America/New_York"];

    /// <summary>Today's date in New York according to <paramref name="clock"/>: what "today" and "yesterday" mean to every verb.</summary>
    public static LocalDate Today(TimeProvider clock) => Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Zone).Date;

    /// <summary>New York local date and time of a Unix millisecond instant.</summary>
    public static LocalDateTime FromUnixMilliseconds(long unixMilliseconds) =>
        Instant.FromUnixTimeMilliseconds(unixMilliseconds).InZone(Zone).LocalDateTime;

    /// <summary>New York local date and time of a Unix nanosecond instant (int64, above 2^53).</summary>
    public static LocalDateTime FromUnixNanoseconds(long unixNanoseconds) =>
        InstantFromUnixNanoseconds(unixNanoseconds).InZone(Zone).LocalDateTime;

    /// <summary>The session date (New York date) of a Unix millisecond instant.</summary>
    public static LocalDate SessionDateOfMilliseconds(long unixMilliseconds) => FromUnixMilliseconds(unixMilliseconds).Date;

    /// <summary>The session date (New York date) of a Unix nanosecond instant.</summary>
    public static LocalDate SessionDateOfNanoseconds(long unixNanoseconds) => FromUnixNanoseconds(unixNanoseconds).Date;

    /// <summary>Unix milliseconds of a New York local time; a time skipped by DST moves forward, a repeated one takes the earlier instant.</summary>
    public static long ToUnixMilliseconds(LocalDateTime newYorkLocal) =>
        Zone.AtLeniently(newYorkLocal).ToInstant().ToUnixTimeMilliseconds();

    /// <summary>Unix nanoseconds of a New York local time (same DST resolution as <see cref="ToUnixMilliseconds"/>).</summary>
    public static long ToUnixNanoseconds(LocalDateTime newYorkLocal) =>
        (Zone.AtLeniently(newYorkLocal).ToInstant() - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    /// <summary>Unix milliseconds of 00:00 New York time on <paramref name="date"/>: the <c>t</c> of the vendor's daily bar.</summary>
    public static long StartOfDayUnixMilliseconds(LocalDate date) =>
        Zone.AtStartOfDay(date).ToInstant().ToUnixTimeMilliseconds();

    /// <summary>An instant from Unix nanoseconds without going through a double.</summary>
    public static Instant InstantFromUnixNanoseconds(long unixNanoseconds)
    {
        var ms = Math.DivRem(unixNanoseconds, NanosecondsPerMillisecond, out var remainder);
        if (remainder < 0)
        {
            ms--;
            remainder += NanosecondsPerMillisecond;
        }

        return Instant.FromUnixTimeMilliseconds(ms).PlusNanoseconds(remainder);
    }
}
