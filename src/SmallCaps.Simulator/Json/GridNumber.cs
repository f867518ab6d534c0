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
    private static readonly long[] Pow10 = [1, 10, 100, 1000, 10000];

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

        var whole = k / 10000;
        var frac = k % 10000;
        Utf8Formatter.TryFormat(whole, into[pos..], out var n);
        pos += n;
        if (frac == 0)
        {
            return pos;
        }

        into[pos++] = (byte)'.';
        var places = 4;
        while (frac % 10 == 0)
        {
            frac /= 10;
            places--;
        }

        for (var p = places - 1; p >= 0; p--)
        {
            into[pos++] = (byte)('0' + (frac / Pow10[p] % 10));
        }

        return pos;
    }
}
