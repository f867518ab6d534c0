using System.Text.Json;

namespace SmallCaps.Core.Api;

/// <summary>
/// Number reading for hot decode loops. Plain decimals with at most 15 significant digits and a small exponent
/// take an exact fast path (an integer mantissa times or divided by an exact power of ten rounds correctly, so
/// the result is bit-identical to <see cref="Utf8JsonReader.GetDouble"/>); everything else falls back to it.
/// </summary>
internal static class JsonNumbers
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>The current Number token as a double.</summary>
    public static double GetDouble(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && TryParse(reader.ValueSpan, out var value))
        {
            return value;
        }

        return reader.GetDouble();
    }

    /// <summary>The exact fast path; false when the text needs the general parser.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        var start = i;
        while (i < text.Length && (uint)(text[i] - '0') <= 9)
        {
            if (mantissa != 0 || text[i] != '0')
            {
                digits++;
            }

            mantissa = (mantissa * 10) + (uint)(text[i] - '0');
            i++;
            if (digits > 15)
            {
                return false;
            }
        }

        if (i == start)
        {
            return false;
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            var fractionStart = i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                if (mantissa != 0 || text[i] != '0')
                {
                    digits++;
                }

                mantissa = (mantissa * 10) + (uint)(text[i] - '0');
                exponent--;
                i++;
                if (digits > 15)
                {
                    return false;
                }
            }

            if (i == fractionStart)
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            i++;
            var exponentNegative = false;
            if (i < text.Length && (text[i] == (byte)'+' || text[i] == (byte)'-'))
            {
                exponentNegative = text[i] == (byte)'-';
                i++;
            }

            var exponentStart = i;
            var written = 0;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                written = (written * 10) + (text[i] - '0');
                i++;
                if (written > 1000)
                {
                    return false;
                }
            }

            if (i == exponentStart)
            {
                return false;
            }

            exponent += exponentNegative ? -written : written;
        }

        if (i != text.Length || mantissa >= MaxExactMantissa)
        {
            return false;
        }

        double result = mantissa;
        if (mantissa != 0)
        {
            if (exponent < 0)
            {
                if (-exponent >= PowersOfTen.Length)
                {
                    return false;
                }

                result /= PowersOfTen[-exponent];
            }
            else if (exponent > 0)
            {
                if (exponent >= PowersOfTen.Length)
                {
                    return false;
                }

                result *= PowersOfTen[exponent];
            }
        }

        value = negative ? -result : result;
        return true;
    }
}
