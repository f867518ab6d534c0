using System.Globalization;

namespace SmallCaps.Core.Http;

/// <summary>Named request rates and the parser behind <c>--max-rps</c>.</summary>
public static class RatePreset
{
    /// <summary>The free plan: 5 requests per minute.</summary>
    public const double Free = 5.0 / 60.0;

    /// <summary>Our default for paid plans: half the vendor's "stay under 100 requests/second" advice.</summary>
    public const double Default = 50;

    /// <summary>The slowest rate accepted, one request an hour: slower ones would overflow the gate's timer.</summary>
    public const double Slowest = 1.0 / 3600.0;

    /// <summary>The forms <c>--max-rps</c> takes, worded once for the help, the errors and the README.</summary>
    public const string Forms = "N a second (50, 0.5), N/min (5/min), N/h (100/h) or free (5/min)";

    /// <summary>The accepted range, worded as in the README.</summary>
    public const string Range = "at least 1/h, at most 10000 a second";

    /// <summary>The vendor's advised ceiling for paid plans.</summary>
    public const double VendorAdvice = 100;

    /// <summary>
    /// Parses <c>free</c>, a number of requests per second (<c>50</c>, <c>0.5</c>), or a count per unit
    /// (<c>5/min</c>, <c>300/m</c>, <c>20/s</c>, <c>1000/h</c>). Returns false with a one-line reason.
    /// </summary>
    public static bool TryParse(string? text, out double requestsPerSecond, out string error)
    {
        requestsPerSecond = 0;
        error = string.Empty;
        var value = text?.Trim().ToLowerInvariant() ?? string.Empty;
        if (value == "free")
        {
            requestsPerSecond = Free;
            return true;
        }

        var per = 1.0;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            per = value[(slash + 1)..].Trim() switch
            {
                "s" or "sec" or "second" => 1,
                "m" or "min" or "minute" => 60,
                "h" or "hour" => 3600,
                _ => double.NaN,
            };
            value = value[..slash].Trim();
        }

        if (double.IsNaN(per) || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || !(count > 0) || double.IsInfinity(count))
        {
            error = $"--max-rps must be {Forms} (got '{Input.EchoedValue.Of(text)}').";
            return false;
        }

        requestsPerSecond = count / per;
        return true;
    }
}
