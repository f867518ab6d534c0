using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Manifest;

/// <summary>The vendor's trading hours of a New York session date: 04:00 to 20:00 local time, as Unix ns.</summary>
public static class SessionHours
{
    /// <summary>04:00 New York on <paramref name="date"/>, Unix ns.</summary>
    public static long OpenNs(LocalDate date) => NewYorkTime.ToUnixNanoseconds(date.At(new LocalTime(4, 0)));

    /// <summary>20:00 New York on <paramref name="date"/>, Unix ns (exclusive end).</summary>
    public static long CloseNs(LocalDate date) => NewYorkTime.ToUnixNanoseconds(date.At(new LocalTime(20, 0)));
}
