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

        // Digits of k right to left; the last four are the decimals, trailing zero decimals are dropped.
        Span<byte> digits = stackalloc byte[20];
        var n = 0;
        var u = (ulong)k;
        do
        {
            var q = u / 10;
            digits[n++] = (byte)('0' + (u - (q * 10)));
            u = q;
        }
        while (u != 0 || n < 5);

        var skip = 0;
        while (skip < 4 && digits[skip] == (byte)'0')
        {
            skip++;
        }

        for (var i = n - 1; i >= 4; i--)
        {
            into[pos++] = digits[i];
        }

        if (skip < 4)
        {
            into[pos++] = (byte)'.';
            for (var i = 3; i >= skip; i--)
            {
                into[pos++] = digits[i];
            }
        }

        return pos;
    }
}
