using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SmallCaps.Simulator.Json;

/// <summary>
/// Fast formatting of values on a decimal grid of at most 4 places (every price, volume and vw the simulator
/// serves): the text is the shortest decimal of k/10^4, which parses back to the identical double.
/// Values off the grid fall back to round-trip formatting.
/// </summary>
internal static class GridNumber
{
    public static int Write(Span<byte> into, double value)
    {
        if (Math.Abs(value) < 1e14)
        {
            var k = (long)Math.Round(value * 10000.0);
            if (k / 10000.0 == value)
            {
                return WriteScaled(into, k);
            }
        }

        return Encoding.UTF8.GetBytes(value.ToString("R", CultureInfo.InvariantCulture), into);
    }

    /// <summary>Go's shortest %g form for values of a million or more (<c>1.029145e+06</c>); plain otherwise.</summary>
    public static int WriteExponent(Span<byte> into, double value)
    {
        if (value < 1e6 || value >= 1e14)
        {
            return Write(into, value);
        }

        var k = (long)Math.Round(value * 10000.0);
        if (k / 10000.0 != value)
        {
            return Write(into, value);
        }

        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(k, digits, out var n);
        var exponent = n - 5;
        var last = n - 1;
        while (last > 0 && digits[last] == (byte)'0')
        {
            last--;
        }

        var pos = 0;
        into[pos++] = digits[0];
        if (last > 0)
        {
            into[pos++] = (byte)'.';
            digits[1..(last + 1)].CopyTo(into[pos..]);
            pos += last;
        }

        into[pos++] = (byte)'e';
        into[pos++] = (byte)'+';
        into[pos++] = (byte)('0' + (exponent / 10));
        into[pos++] = (byte)('0' + (exponent % 10));
        return pos;
    }

    private static int WriteScaled(Span<byte> into, long k)
    {
        var pos = 0;
        if (k < 0)
        {
            into[pos++] = (byte)'-';
            k = -k;
        }

        // Whole part and at most four decimals, written directly (prices have few digits on each side).
        var whole = (ulong)k / 10000;
        var frac = (uint)((ulong)k - (whole * 10000));
        pos += WriteWhole(into[pos..], whole);
        if (frac == 0)
        {
            return pos;
        }

        var places = 4;
        while (frac % 10 == 0)
        {
            frac /= 10;
            places--;
        }

        into[pos++] = (byte)'.';
        for (var i = places - 1; i >= 0; i--)
        {
            into[pos + i] = (byte)('0' + (frac % 10));
            frac /= 10;
        }

        return pos + places;
    }

    private static int WriteWhole(Span<byte> into, ulong value)
    {
        var digits = 1;
        for (var v = value; v >= 10; v /= 10)
        {
            digits++;
        }

        for (var i = digits - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return digits;
    }
}
