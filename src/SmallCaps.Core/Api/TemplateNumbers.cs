using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmallCaps.Core.Api;

/// <summary>
/// Word-at-a-time JSON number readers for <see cref="BarRowTemplate"/>: a number is read from a <c>ref byte</c> with at
/// least 16 readable bytes after it (the template guarantees its reach), exact by the Clinger limits, or declined.
/// </summary>
internal static class TemplateNumbers
{
    // Up to 19 digits fit a ulong; a mantissa below 2^53 and a power of ten up to 1e22 are exact doubles (Clinger).
    internal const int MaxDigits = 19;
    internal const ulong MaxExactMantissa = 1UL << 53;
    internal const int MaxExactPower = 22;
    internal const ulong Zeros = 0x3030303030303030;

    /// <summary>
    /// A JSON number at <paramref name="p"/> of the common shapes (optional '-', at most 16 integer digits without a
    /// leading zero, optional '.' and at most 16 fraction digits, optional exponent of 1 to 3 digits) whose digits form
    /// a mantissa below 2^53 scaled by at most 1e22: the index after it, or -1 for anything else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Decimal(ref byte b, int p, out double value)
    {
        value = 0;
        var w = Word(ref b, p);
        var negative = (byte)w == (byte)'-';
        if (negative)
        {
            w = Word(ref b, ++p);
        }

        var (mantissa, digits) = DigitRun(ref b, p);
        if (digits <= 0 || ((byte)w == (byte)'0' && digits > 1))
        {
            return -1;
        }

        p += digits;
        var exponent = 0;
        var next = Unsafe.Add(ref b, p);
        if (next == (byte)'.')
        {
            var (fraction, fractionDigits) = DigitRun(ref b, ++p);
            if (fractionDigits <= 0)
            {
                return -1;
            }

            p += fractionDigits;
            digits += fractionDigits;
            if (digits > MaxDigits)
            {
                return -1;
            }

            mantissa = (mantissa * IntegerPower(fractionDigits)) + fraction;
            exponent = -fractionDigits;
            next = Unsafe.Add(ref b, p);
        }

        if ((next | 0x20) == (byte)'e')
        {
            w = Word(ref b, ++p);
            var sign = (byte)w is (byte)'+' or (byte)'-' ? 1 : 0;
            var written = w >> (sign * 8);
            var run = Run(written);
            if (run is 0 or > 3)
            {
                return -1;
            }

            var magnitude = (int)Digits(written, run);
            exponent += (byte)w == (byte)'-' ? -magnitude : magnitude;
            p += sign + run;
        }

        if (mantissa >= MaxExactMantissa)
        {
            return -1;
        }

        // One correctly rounded operation on exact operands: the same double as the general parser's.
        var result = (double)(long)mantissa;
        if (exponent < 0)
        {
            if (exponent < -MaxExactPower)
            {
                return -1;
            }

            result /= DoublePower(-exponent);
        }
        else if (exponent > 0)
        {
            if (exponent > MaxExactPower)
            {
                return -1;
            }

            result *= DoublePower(exponent);
        }

        value = negative ? -result : result;
        return p;
    }

    /// <summary>The run of ASCII digits at <paramref name="p"/>, read a word at a time: its value and length (-1 for 16 or more digits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (ulong Value, int Count) DigitRun(ref byte b, int p)
    {
        var w = Word(ref b, p);
        var run = Run(w);
        if (run < 8)
        {
            return (run == 0 ? 0 : Digits(w, run), run);
        }

        var value = Digits(w, 8);
        w = Word(ref b, p + 8);
        run = Run(w);
        return run switch
        {
            8 => (0, -1),
            0 => (value, 8),
            _ => ((value * IntegerPower(run)) + Digits(w, run), 8 + run),
        };
    }

    /// <summary>
    /// The number in [<paramref name="a"/>, <paramref name="e"/>): up to 8 bytes of digits with at most one '.' inside
    /// (the common price and volume), optionally followed by an exponent of 1 or 2 digits (the vendor's 1.029145e+06),
    /// in a few word operations; anything else by <see cref="Decimal"/>. False when neither is sure of it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Number(ref byte b, int a, int e, out double value)
    {
        var length = e - a;
        var w = Word(ref b, a);
        if ((uint)(length - 1) < 8 && Short(w, length, out var mantissa, out var fraction))
        {
            // At most 8 digits and 1e6: exact operands, one rounding (1e0 for a whole number is exact too).
            value = (double)(long)mantissa / DoublePower(fraction);
            return true;
        }

        return Unusual(ref b, a, e, w, out value);
    }

    // Out of line: six inlined copies of the rare shapes would crowd the row loop's code and registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static bool Unusual(ref byte b, int a, int e, ulong w, out double value) =>
        Scientific(ref b, a, e, w, out value) || Decimal(ref b, a, out value) == e;

    /// <summary>
    /// The plain non-negative integer in [<paramref name="a"/>, <paramref name="e"/>): 1 to 16 digits, no leading
    /// zero (a fraction, an exponent or a sign is left to the reader, which reads integers its own way).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Whole(ref byte b, int a, int e, out long value)
    {
        var length = e - a;
        var w = Word(ref b, a);
        var noLeadingZero = (byte)w != (byte)'0' | length == 1;
        if ((uint)(length - 1) < 8)
        {
            value = (long)Digits(w, length);
            return ((NonDigits(w) & Prefix(length)) == 0) & noLeadingZero;
        }

        if ((uint)(length - 9) < 8)
        {
            var rest = length - 8;
            var w2 = Word(ref b, a + 8);
            value = (long)((Digits(w, 8) * IntegerPower(rest)) + Digits(w2, rest));
            return (NonDigits(w) == 0) & ((NonDigits(w2) & Prefix(rest)) == 0) & noLeadingZero;
        }

        value = 0;
        return false;
    }

    // The first length (1 to 8) bytes of the word as digits with at most one '.' inside: the digits as an integer and
    // how many follow the '.'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Short(ulong w, int length, out ulong mantissa, out int fraction)
    {
        var odd = NonDigits(w) & Prefix(length);

        // At most one non-digit, a '.' (its byte, 0x80 in odd, widened to 0xFF, must read '.'), neither first nor
        // last; no leading zero (a '0' first and a digit second).
        var dotByte = (odd << 1) - (odd >> 7);
        var bad = (odd & (odd - 1)) | ((w ^ 0x2E2E2E2E2E2E2E2EUL) & dotByte) | (odd & (0x80UL | (0x80UL << ((length - 1) * 8))))
            | ((byte)w == (byte)'0' && length > 1 ? ~odd & 0x8000UL : 0);

        // The digits after the '.' move down over it (no '.': dot is 8 and the word stays as it is).
        var dot = BitOperations.TrailingZeroCount(odd) >> 3;
        var below = Prefix(dot);
        var packed = (w & below) | ((w >> 8) & ~below);
        var withDot = (dot - 8) >> 31;
        fraction = (length - 1 - dot) & withDot;
        mantissa = Digits(packed, length + withDot);
        return bad == 0;
    }

    // A short mantissa, 'e' or 'E', an optional sign and 1 or 2 digits: one exact multiply or divide like Decimal's.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Scientific(ref byte b, int a, int e, ulong w, out double value)
    {
        value = 0;
        var length = (BitOperations.TrailingZeroCount(Equal(Word(ref b, a + 1) | 0x2020202020202020UL, (byte)'e')) >> 3) + 1;
        if (length > 8 || !Short(w, length, out var mantissa, out var fraction))
        {
            return false;
        }

        var x = Word(ref b, a + length + 1);
        var sign = (byte)x is (byte)'+' or (byte)'-' ? 1 : 0;
        var digits = e - (a + length + 1 + sign);
        var written = x >> (sign * 8);
        if ((uint)(digits - 1) >= 2 || (NonDigits(written) & Prefix(digits)) != 0)
        {
            return false;
        }

        var magnitude = (int)Digits(written, digits);
        var power = ((byte)x == (byte)'-' ? -magnitude : magnitude) - fraction;
        if (power > MaxExactPower || power < -MaxExactPower)
        {
            return false;
        }

        value = power >= 0 ? (double)(long)mantissa * DoublePower(power) : (double)(long)mantissa / DoublePower(-power);
        return true;
    }

    // The high bit of every byte of the word that is not an ASCII digit, exactly per byte (no borrow crosses bytes).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong NonDigits(ulong word)
    {
        var t = word ^ Zeros;
        return (((t & 0x7F7F7F7F7F7F7F7FUL) + 0x7676767676767676UL) | t) & 0x8080808080808080UL;
    }

    // The high bit of every byte of the word equal to c, exactly per byte.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Equal(ulong word, byte c)
    {
        var t = word ^ (0x0101010101010101UL * c);
        return ~(((t & 0x7F7F7F7F7F7F7F7FUL) + 0x7F7F7F7F7F7F7F7FUL) | t) & 0x8080808080808080UL;
    }

    // The word's first k bytes (k in 1..8).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Prefix(int k) => ulong.MaxValue >> ((8 - k) * 8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Word(ref byte b, int p) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, p));

    // Leading ASCII digits in a little-endian word (0 to 8): a byte's high bit marks a non-digit, below '0' by the
    // borrow, above '9' by the carry; bytes past the first non-digit do not matter.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Run(ulong word) =>
        BitOperations.TrailingZeroCount(((word + 0x4646464646464646UL) | (word - Zeros)) & 0x8080808080808080UL) >> 3;

    // The value of the word's first run digits (1 to 8): they go to the top bytes (zeros below read as leading zeros),
    // then pairs, quads and the eight combine in three multiplies.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Digits(ulong word, int run) => Combine((word - Zeros) << ((8 - run) * 8));

    // The value of eight digit bytes (0-9, the first the most significant): pairs, quads and the eight in three multiplies.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Combine(ulong lanes)
    {
        lanes = (lanes * 10) + (lanes >> 8);
        return (((lanes & 0x000000FF000000FFUL) * 0x000F424000000064UL) + (((lanes >> 16) & 0x000000FF000000FFUL) * 0x0000271000000001UL)) >> 32;
    }

    // 10^k for k in 0..16, unchecked: callers pass digit counts already bounded.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong IntegerPower(int k) => Unsafe.Add(ref MemoryMarshal.GetReference(IntegerPowers), k);

    // 10^k for k in 0..22, unchecked: callers check MaxExactPower.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double DoublePower(int k) => Unsafe.Add(ref MemoryMarshal.GetReference(DoublePowers), k);

    internal static ReadOnlySpan<ulong> IntegerPowers =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000,
    ];

    internal static ReadOnlySpan<double> DoublePowers =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
}
