using System.Globalization;
using NodaTime;

namespace SmallCaps.Core.Calendar;

/// <summary>Dates in messages and logs: ISO YYYY-MM-DD whatever the machine's culture (NodaTime's default is a long, localized date).</summary>
public static class IsoDate
{
    /// <summary>The date as YYYY-MM-DD.</summary>
    public static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
