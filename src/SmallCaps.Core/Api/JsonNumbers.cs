using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SmallCaps.Core.Api;

/// <summary>
/// Number reading for hot decode loops. Decimals whose digits form an integer below 2^53, with a small exponent,
/// take an exact fast path (an integer mantissa times or divided by an exact power of ten rounds correctly, so
/// the result is bit-identical to <see cref="Utf8JsonReader.GetDouble"/>); everything else falls back to it.
/// </summary>
internal static class JsonNumbers
{
    private const ulong MaxExactMantissa = 1UL << 53;

    // 19 decimal digits always fit a ulong.
    private const int MaxDigits = 19;

    private static readonly ulong[] PowersOfTenInteger = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

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

    /// <summary>The exact fast path for a whole number token; false when the text needs the general parser.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> text, out double value) => Scan(text, isFinal: true, out value) == text.Length;

    /// <summary>
    /// One pass over a JSON number at the start of <paramref name="text"/> (strict grammar: no leading zeros, digits
    /// after '.' and 'e'), exact like <see cref="TryParse"/>: a mantissa below 2^53 scaled once by an exact power of
    /// ten. Returns the number's length, or -1 when the text is not such a number, needs the general parser, or
    /// reaches the end of <paramref name="text"/> (it may go on in the next chunk).
    /// </summary>
    internal static int ReadPrefix(ReadOnlySpan<byte> text, out double value) => Scan(text, isFinal: false, out value);

    // The one scanner behind both: with isFinal the text may end right after the number (a whole token).
    private static int Scan(ReadOnlySpan<byte> text, bool isFinal, out double value)
    {
        // Positions are plain locals and results come back by value: a ref or out index would live in memory and
        // put a store-load round trip on every step of the scan.
        value = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        if (i >= text.Length || (uint)(text[i] - '0') > 9)
        {
            return -1;
        }

        ulong mantissa = 0;
        var digits = 0;
        if (text[i] == (byte)'0')
        {
            i++;
            if (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                return -1;
            }
        }
        else
        {
            var start = i;
            (i, mantissa) = AppendDigits(text, i, mantissa);
            digits = i - start;
        }

        var exponent = 0;
        if (i < text.Length && text[i] == (byte)'.')
        {
            var fractionStart = ++i;
            (i, mantissa) = AppendDigits(text, i, mantissa);
            if (i == fractionStart)
            {
                return -1;
            }

            digits += i - fractionStart;
            exponent = fractionStart - i;
        }

        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            i++;
            var exponentNegative = false;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
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
                    return -1;
                }
            }

            if (i == exponentStart)
            {
                return -1;
            }

            exponent += exponentNegative ? -written : written;
        }

        // Past 19 digits the ulong may have wrapped; the general parser takes those.
        return (i < text.Length || isFinal) && digits <= MaxDigits && mantissa < MaxExactMantissa && TryScale(mantissa, exponent, negative, out value) ? i : -1;
    }

    /// <summary>
    /// Appends the run of ASCII digits at <paramref name="i"/> to <paramref name="value"/>, eight at a time where
    /// eight bytes can be read (no branch per digit). The caller bounds the count: past 19 digits the value wraps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (int End, ulong Value) AppendDigits(ReadOnlySpan<byte> text, int i, ulong value)
    {
        while (text.Length - i >= 8)
        {
            var word = BinaryPrimitives.ReadUInt64LittleEndian(text[i..]);

            // A byte's high bit marks a non-digit: below '0' borrows, above '9' carries into it.
            var nonDigits = ((word + 0x4646464646464646UL) | (word - 0x3030303030303030UL)) & 0x8080808080808080UL;
            var run = BitOperations.TrailingZeroCount(nonDigits) >> 3;
            if (run == 0)
            {
                return (i, value);
            }

            // The run's digits to the top bytes (zeros below read as leading zeros), then eight digits in three multiplies.
            var lanes = (word - 0x3030303030303030UL) << ((8 - run) * 8);
            lanes = (lanes * 10) + (lanes >> 8);
            lanes = (((lanes & 0x000000FF000000FFUL) * 0x000F424000000064UL) + (((lanes >> 16) & 0x000000FF000000FFUL) * 0x0000271000000001UL)) >> 32;
            value = (value * PowersOfTenInteger[run]) + lanes;
            i += run;
            if (run < 8)
            {
                return (i, value);
            }
        }

        uint d;
        while (i < text.Length && (d = (uint)(text[i] - '0')) <= 9)
        {
            value = (value * 10) + d;
            i++;
        }

        return (i, value);
    }

    // mantissa < 2^53 is exact as a double, and so is 10^k for k <= 22: one rounding, the correctly rounded result.
    private static bool TryScale(ulong mantissa, int exponent, bool negative, out double value)
    {
        value = 0;
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
