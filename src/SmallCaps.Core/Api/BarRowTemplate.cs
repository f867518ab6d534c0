using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static SmallCaps.Core.Api.TemplateNumbers;

namespace SmallCaps.Core.Api;

/// <summary>
/// The fastest path for bars: a run of rows in the vendor's exact compact form
/// (<c>{"v":_,"vw":_,"o":_,"c":_,"h":_,"l":_,"t":_,"n":_,"otc":true}</c>, vw, n and otc optional, no whitespace) is
/// read straight from the buffer. A SIMD mask of the ',' and '}' of a row gives where every value ends, so values
/// are parsed independently of one another; each key is checked with one masked 64-bit compare against the one the
/// template predicts. A row whose numbers all have the common shapes (up to 8 bytes with at most one '.', a volume
/// with a short exponent) is checked by masks of the same loads and its six decimals converted together; any other
/// row of the form is read again out of line with the general number parsers. The first row not of the form
/// (another order, whitespace, an escape, an unusual number) ends the run before it and takes
/// <see cref="BarRowScanner"/> or <see cref="BarRowReader"/>, so every bar the template takes equals theirs bit for bit.
/// Where AVX-512 with VBMI2 is at hand, <see cref="BarRowVector"/> reads the run a whole row at a time and hands back only
/// the rows it declines.
/// </summary>
internal static class BarRowTemplate
{
    /// <summary>
    /// Bytes that must remain from a row's '{' for the template to read it. Every position it derives lies within 64
    /// bytes of one of the row's two separator masks, the second starting within 64 bytes of the first, plus 11 for
    /// otc: less than 140 bytes from the '{'. From such a position it reads at most 41 bytes (a value starts at most 6
    /// bytes after its key) or 12 (a key), so all its reads end less than 180 bytes from the '{'.
    /// </summary>
    internal const int Reach = 192;

    // Little-endian images of the separators and keys: {"v":  ,{"v":  ,"vw":  ,"o": ...
    private const ulong FirstRow = 0x3A2276227B;
    internal const ulong NextRow = 0x3A2276227B2C;
    internal const ulong KeyVw = 0x3A227776222C;
    private const ulong KeyO = 0x3A226F222C;
    private const ulong KeyC = 0x3A2263222C;
    private const ulong KeyH = 0x3A2268222C;
    private const ulong KeyL = 0x3A226C222C;
    private const ulong KeyT = 0x3A2274222C;
    private const ulong KeyN = 0x3A226E222C;

    // ,"otc":t then rue}
    internal const ulong KeyOtcTrue = 0x743A2263746F222C;
    internal const uint OtcTrueEnd = 0x7D657572;
    private const int OtcTrueLength = 11;

    private const ulong Mask5 = 0xFF_FFFF_FFFF;
    internal const ulong Mask6 = 0xFFFF_FFFF_FFFF;



    /// <summary>
    /// Appends to <paramref name="page"/> the rows of the template's form that start at <paramref name="start"/>
    /// (with the comma before the first one when <paramref name="afterRow"/>) and returns the index after the last
    /// one taken: <paramref name="start"/> when the first row is not of the form or too near the end of the data.
    /// </summary>
    public static int ReadRows(ReadOnlySpan<byte> data, int start, bool afterRow, BarPage page) =>
        ReadRows(data, start, afterRow, page, BarRowVector.IsSupported);

    /// <summary>
    /// As <see cref="ReadRows(ReadOnlySpan{byte}, int, bool, BarPage)"/>, each row tried first by <see cref="BarRowVector"/>
    /// when <paramref name="wholeRow"/> (tests take either path; the row vector needs <see cref="BarRowVector.IsSupported"/>).
    /// </summary>
    internal static int ReadRows(ReadOnlySpan<byte> data, int start, bool afterRow, BarPage page, bool wholeRow)
    {
        // Every read is of at most 64 bytes at a position within Reach of a row's start (see Reach): no bounds checks.
        var limit = data.Length - Reach;
        ref var b = ref MemoryMarshal.GetReference(data);
        var r = start;
        if (afterRow)
        {
            if (r > limit || (Word(ref b, r) & Mask6) != NextRow)
            {
                return start;
            }

            r++;
        }
        else if (r > limit || (Word(ref b, r) & Mask5) != FirstRow)
        {
            return start;
        }

        if (wholeRow)
        {
            return VectorRows(ref b, r, start, afterRow, limit, page);
        }

        // The six decimals of the row at hand as digit lanes, converted together (see Convert).
        ref var lanes = ref MemoryMarshal.GetReference(stackalloc ulong[8]);
        ref var fractions = ref MemoryMarshal.GetReference(stackalloc long[16]);
        ref var values = ref MemoryMarshal.GetReference(stackalloc double[8]);

        // r is a row's '{', its "v": checked.
        while (true)
        {
            // The common row by masks alone, no call in the loop (a call would spill every value around it); a row
            // with an unusual number is read again out of line by the general parsers.
            var s = FastRow(ref b, r, page, ref lanes, ref fractions, ref values);
            if (s < 0)
            {
                s = SlowRow(ref b, r, page);
                if (s < 0)
                {
                    return Declined(r, start, afterRow);
                }
            }

            r = s + 2;
            if (RunEndsAfter(ref b, s, limit))
            {
                return s + 1;
            }
        }
    }

    /// <summary>
    /// The loop of <see cref="ReadRows(ReadOnlySpan{byte}, int, bool, BarPage, bool)"/> with runs of whole rows by
    /// <see cref="BarRowVector.Rows"/>, each row it declines by <see cref="ScalarRow"/>.
    /// </summary>
    private static int VectorRows(ref byte b, int r, int start, bool afterRow, int limit, BarPage page)
    {
        while (true)
        {
            var s = BarRowVector.Rows(ref b, r, limit, page);
            if (s >= 0)
            {
                // The vector stopped after a row: at the end of the run, or before a row it declines.
                if (RunEndsAfter(ref b, s, limit))
                {
                    return s + 1;
                }

                r = s + 2;
            }

            s = ScalarRow(ref b, r, page);
            if (s < 0)
            {
                return Declined(r, start, afterRow);
            }

            r = s + 2;
            if (RunEndsAfter(ref b, s, limit))
            {
                return s + 1;
            }
        }
    }

    /// <summary>A row the vector declined, by the scalar paths: <see cref="FastRow"/>, then <see cref="SlowRow"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ScalarRow(ref byte b, int r, BarPage page)
    {
        ref var lanes = ref MemoryMarshal.GetReference(stackalloc ulong[8]);
        ref var fractions = ref MemoryMarshal.GetReference(stackalloc long[16]);
        ref var values = ref MemoryMarshal.GetReference(stackalloc double[8]);
        var s = FastRow(ref b, r, page, ref lanes, ref fractions, ref values);
        return s < 0 ? SlowRow(ref b, r, page) : s;
    }

    /// <summary>Whether the row ending at <paramref name="s"/> is the run's last: no template row follows its comma within reach.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool RunEndsAfter(ref byte b, int s, int limit) => s + 1 > limit || (Word(ref b, s + 1) & Mask6) != NextRow;

    /// <summary>Where a run ends when the row at <paramref name="r"/> is declined: before its comma, or at the start when it was the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Declined(int r, int start, bool afterRow) => r == start + (afterRow ? 1 : 0) ? start : r - 1;

    /// <summary>
    /// Appends the row at <paramref name="r"/> when each of its numbers has a common shape (checked by the row's
    /// masks) and returns the index of its '}'; -1, appending nothing, for anything else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FastRow(ref byte b, int r, BarPage page, ref ulong lanes, ref long fractions, ref double values)
    {
        // Where each value ends comes from a mask of the ',' and '}' in the row, so the values are parsed
        // independently of one another (no chain of positions through every digit); each parse must end exactly
        // at its separator and each separator must begin the predicted key, which also covers a mask run dry.
        // The same load gives the row's non-digits, '.' and '0' as masks, so a common number is checked in a
        // few bit operations instead of word arithmetic per value.
        var ends = Masks(ref b, r, out var odd, out var dots, out var zeros);
        var s = r + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        var ok = Volume(ref b, r + 5, s, r, odd, dots, zeros, out Unsafe.Add(ref lanes, 0), out Unsafe.Add(ref fractions, 0), out Unsafe.Add(ref fractions, 8));
        var w = Word(ref b, s);
        var hasVw = (w & Mask6) == KeyVw;
        if (hasVw)
        {
            var e = r + BitOperations.TrailingZeroCount(ends);
            ends &= ends - 1;
            ok &= Lane(ref b, s + 6, e, r, odd, dots, zeros, out Unsafe.Add(ref lanes, 1), out Unsafe.Add(ref fractions, 1));
            s = e;
            w = Word(ref b, s);
        }

        var so = r + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        var sc = r + BitOperations.TrailingZeroCount(ends);
        ok &= (w & Mask5) == KeyO & (Word(ref b, so) & Mask5) == KeyC;
        ok &= Lane(ref b, s + 5, so, r, odd, dots, zeros, out Unsafe.Add(ref lanes, 2), out Unsafe.Add(ref fractions, 2));
        ok &= Lane(ref b, so + 5, sc, r, odd, dots, zeros, out Unsafe.Add(ref lanes, 3), out Unsafe.Add(ref fractions, 3));

        // The rest of the row from the key after c on: a second mask (rows are longer than one).
        ends = Masks(ref b, sc, out odd, out dots, out zeros);
        ends &= ends - 1;
        var sh = sc + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        var sl = sc + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        s = sc + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        ok &= (Word(ref b, sc) & Mask5) == KeyH
            & (Word(ref b, sh) & Mask5) == KeyL
            & (Word(ref b, sl) & Mask5) == KeyT;
        ok &= Lane(ref b, sc + 5, sh, sc, odd, dots, zeros, out Unsafe.Add(ref lanes, 4), out Unsafe.Add(ref fractions, 4));
        ok &= Lane(ref b, sh + 5, sl, sc, odd, dots, zeros, out Unsafe.Add(ref lanes, 5), out Unsafe.Add(ref fractions, 5));
        ok &= CommonWhole(ref b, sl + 5, s, sc, odd, zeros, out var t);
        w = Word(ref b, s);
        long n = 0;
        var hasN = (w & Mask5) == KeyN;
        if (hasN)
        {
            var e = sc + BitOperations.TrailingZeroCount(ends);
            ok &= CommonWhole(ref b, s + 5, e, sc, odd, zeros, out n);
            s = e;
            w = Word(ref b, s);
        }

        s = RowEnd(ref b, s, w, out var otc);
        if (!ok || s < 0)
        {
            return -1;
        }

        // Without vw its lane holds an earlier row's digits: computed, then ignored.
        Convert(ref lanes, ref fractions, ref values);
        var vw = hasVw ? Unsafe.Add(ref values, 1) : 0.0;
        page.Append(t, Unsafe.Add(ref values, 2), Unsafe.Add(ref values, 4), Unsafe.Add(ref values, 5), Unsafe.Add(ref values, 3), values, vw, hasVw, n, hasN, otc);
        return s;
    }

    /// <summary>After a row's last number (word <paramref name="w"/> at <paramref name="s"/>): an optional <c>,"otc":true</c>, then the row's '}'. Its index, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowEnd(ref byte b, int s, ulong w, out bool otc)
    {
        otc = w == KeyOtcTrue && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, s + 8)) == OtcTrueEnd;
        if (otc)
        {
            s += OtcTrueLength;
            w = Word(ref b, s);
        }

        return (byte)w == (byte)'}' ? s : -1;
    }

    /// <summary>The row at <paramref name="r"/> with any number the general parsers are sure of: as <see cref="FastRow"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SlowRow(ref byte b, int r, BarPage page)
    {
        // Where each value ends comes from a mask of the ',' and '}' in the row, so the values are parsed
        // independently of one another (no chain of positions through every digit); each parse must end exactly
        // at its separator and each separator must begin the predicted key, which also covers a mask run dry.
        var ends = SeparatorMask(ref b, r);
        var s = r + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        var ok = Number(ref b, r + 5, s, out var v);
        var w = Word(ref b, s);
        var vw = 0.0;
        var hasVw = (w & Mask6) == KeyVw;
        if (hasVw)
        {
            var e = r + BitOperations.TrailingZeroCount(ends);
            ends &= ends - 1;
            ok &= Number(ref b, s + 6, e, out vw);
            s = e;
            w = Word(ref b, s);
        }

        var so = r + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        var sc = r + BitOperations.TrailingZeroCount(ends);
        ok &= (w & Mask5) == KeyO & (Word(ref b, so) & Mask5) == KeyC;
        ok &= Number(ref b, s + 5, so, out var o);
        ok &= Number(ref b, so + 5, sc, out var c);

        // The rest of the row from the key after c on: a second mask (rows are longer than one).
        ends = SeparatorMask(ref b, sc);
        ends &= ends - 1;
        var sh = sc + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        var sl = sc + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        s = sc + BitOperations.TrailingZeroCount(ends);
        ends &= ends - 1;
        ok &= (Word(ref b, sc) & Mask5) == KeyH
            & (Word(ref b, sh) & Mask5) == KeyL
            & (Word(ref b, sl) & Mask5) == KeyT;
        ok &= Number(ref b, sc + 5, sh, out var h);
        ok &= Number(ref b, sh + 5, sl, out var l);
        ok &= Whole(ref b, sl + 5, s, out var t);
        w = Word(ref b, s);
        long n = 0;
        var hasN = (w & Mask5) == KeyN;
        if (hasN)
        {
            var e = sc + BitOperations.TrailingZeroCount(ends);
            ok &= Whole(ref b, s + 5, e, out n);
            s = e;
            w = Word(ref b, s);
        }

        s = RowEnd(ref b, s, w, out var otc);
        if (!ok || s < 0)
        {
            return -1;
        }

        page.Append(t, o, h, l, c, v, vw, hasVw, n, hasN, otc);
        return s;
    }

    // Bit k set when data[p + k] is ',' or '}', for k in 0..63.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SeparatorMask(ref byte b, int p)
    {
        ref var at = ref Unsafe.Add(ref b, p);
        if (Vector512.IsHardwareAccelerated)
        {
            var x = Vector512.LoadUnsafe(ref at);
            return (Vector512.Equals(x, Vector512.Create((byte)',')) | Vector512.Equals(x, Vector512.Create((byte)'}'))).ExtractMostSignificantBits();
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var x0 = Vector256.LoadUnsafe(ref at);
            var x1 = Vector256.LoadUnsafe(ref at, 32);
            var comma = Vector256.Create((byte)',');
            var brace = Vector256.Create((byte)'}');
            ulong m0 = (Vector256.Equals(x0, comma) | Vector256.Equals(x0, brace)).ExtractMostSignificantBits();
            ulong m1 = (Vector256.Equals(x1, comma) | Vector256.Equals(x1, brace)).ExtractMostSignificantBits();
            return m0 | (m1 << 32);
        }

        var mask = 0UL;
        for (var k = 0; k < 64; k += 16)
        {
            var x = Vector128.LoadUnsafe(ref at, (nuint)k);
            ulong m = (Vector128.Equals(x, Vector128.Create((byte)',')) | Vector128.Equals(x, Vector128.Create((byte)'}'))).ExtractMostSignificantBits();
            mask |= m << k;
        }

        return mask;
    }

    // Bit k set when data[p + k] is ',' or '}', for k in 0..63; likewise for not an ASCII digit, '.' and '0'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Masks(ref byte b, int p, out ulong odd, out ulong dots, out ulong zeros)
    {
        ref var at = ref Unsafe.Add(ref b, p);
        if (Vector512.IsHardwareAccelerated)
        {
            var x = Vector512.LoadUnsafe(ref at);
            odd = ~Vector512.LessThan(x - Vector512.Create((byte)'0'), Vector512.Create((byte)10)).ExtractMostSignificantBits();
            dots = Vector512.Equals(x, Vector512.Create((byte)'.')).ExtractMostSignificantBits();
            zeros = Vector512.Equals(x, Vector512.Create((byte)'0')).ExtractMostSignificantBits();
            return (Vector512.Equals(x, Vector512.Create((byte)',')) | Vector512.Equals(x, Vector512.Create((byte)'}'))).ExtractMostSignificantBits();
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var lo = Vector256.LoadUnsafe(ref at);
            var hi = Vector256.LoadUnsafe(ref at, 32);
            odd = ~(Bits(Vector256.LessThan(lo - Vector256.Create((byte)'0'), Vector256.Create((byte)10)), Vector256.LessThan(hi - Vector256.Create((byte)'0'), Vector256.Create((byte)10))));
            dots = Bits(Vector256.Equals(lo, Vector256.Create((byte)'.')), Vector256.Equals(hi, Vector256.Create((byte)'.')));
            zeros = Bits(Vector256.Equals(lo, Vector256.Create((byte)'0')), Vector256.Equals(hi, Vector256.Create((byte)'0')));
            return Bits(
                Vector256.Equals(lo, Vector256.Create((byte)',')) | Vector256.Equals(lo, Vector256.Create((byte)'}')),
                Vector256.Equals(hi, Vector256.Create((byte)',')) | Vector256.Equals(hi, Vector256.Create((byte)'}')));
        }

        var separators = 0UL;
        odd = 0;
        dots = 0;
        zeros = 0;
        for (var k = 0; k < 64; k += 16)
        {
            var x = Vector128.LoadUnsafe(ref at, (nuint)k);
            odd |= (ulong)(~Vector128.LessThan(x - Vector128.Create((byte)'0'), Vector128.Create((byte)10)).ExtractMostSignificantBits() & 0xFFFF) << k;
            dots |= (ulong)Vector128.Equals(x, Vector128.Create((byte)'.')).ExtractMostSignificantBits() << k;
            zeros |= (ulong)Vector128.Equals(x, Vector128.Create((byte)'0')).ExtractMostSignificantBits() << k;
            separators |= (ulong)(Vector128.Equals(x, Vector128.Create((byte)',')) | Vector128.Equals(x, Vector128.Create((byte)'}'))).ExtractMostSignificantBits() << k;
        }

        return separators;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(Vector256<byte> lo, Vector256<byte> hi) => lo.ExtractMostSignificantBits() | ((ulong)hi.ExtractMostSignificantBits() << 32);

    /// <summary>
    /// The number in [<paramref name="a"/>, <paramref name="e"/>), given the masks of the 64 bytes from
    /// <paramref name="origin"/>: 1 to 8 bytes of digits with at most one '.' inside and no leading zero (the common
    /// price and volume) checked by the masks; its digits go to <paramref name="lane"/> (values 0-9, right-aligned)
    /// and its count of fraction digits to <paramref name="fraction"/> for <see cref="Convert"/>. False for any other shape.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Lane(ref byte b, int a, int e, int origin, ulong odd, ulong dots, ulong zeros, out ulong lane, out long fraction)
    {
        // Computed whatever the shape (garbage outside it, every read and index still bounded), judged once at the end.
        var length = e - a;
        var shift = a - origin;
        var within = ulong.MaxValue >> (64 - length);
        var m = (odd >> shift) & within;
        var d = (dots >> shift) & within;

        // Only '.' among the non-digits, at most one, neither first nor last; a '0' first only before the '.'.
        var bad = (m ^ d) | (d & (d - 1)) | (d & (1UL | (1UL << (length - 1)))) | ((zeros >> shift) & ~(m >> 1) & (within >> 1) & 1);

        // The digits after the '.' move down over it (no '.': dot is 8 and the word stays as it is).
        var w = Word(ref b, a);
        var dot = BitOperations.TrailingZeroCount(m | 0x100);
        var below = Prefix(dot);
        var packed = (w & below) | ((w >> 8) & ~below);
        var withDot = (dot - 8) >> 31;
        lane = (packed - Zeros) << ((8 - (length + withDot)) * 8);
        fraction = (length - 1 - dot) & withDot & 7;
        return ((uint)(length - 1) < 8) & (bad == 0);
    }

    /// <summary>
    /// The volume: a <see cref="Lane"/>, or one with an exponent of 1 or 2 digits (the vendor's 1.029145e+06) whose
    /// power of ten, net of the fraction digits, is within 7 either way: <paramref name="up"/> and
    /// <paramref name="down"/> say which (the other is 0), as <see cref="Number"/> takes it through its scientific path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Volume(ref byte b, int a, int e, int origin, ulong odd, ulong dots, ulong zeros, out ulong lane, out long down, out long up)
    {
        if (Lane(ref b, a, e, origin, odd, dots, zeros, out lane, out down))
        {
            up = 0;
            return true;
        }

        // The mantissa ends at the first 'e' or 'E' (a plain number never has one) and must itself be a lane.
        var length = (BitOperations.TrailingZeroCount(Equal(Word(ref b, a + 1) | 0x2020202020202020UL, (byte)'e')) >> 3) + 1;
        var ok = Lane(ref b, a, a + length, origin, odd, dots, zeros, out lane, out var fraction);
        var x = Word(ref b, a + length + 1);
        var sign = ((byte)x == (byte)'+') | ((byte)x == (byte)'-') ? 1 : 0;
        var digits = e - (a + length + 1 + sign);
        var written = x >> (sign * 8);
        ok &= ((uint)(digits - 1) < 2) & ((NonDigits(written) & Prefix(digits)) == 0);
        var magnitude = (long)Digits(written, digits);
        var power = ((byte)x == (byte)'-' ? -magnitude : magnitude) - fraction;
        up = Math.Max(power, 0);
        down = Math.Max(-power, 0);
        return ok & ((ulong)(power + 7) <= 14);
    }

    /// <summary>
    /// The six decimals of a row from their lanes: at most 8 digits and 1e7, so exact operands and one correctly
    /// rounded operation each (1e0 for a whole number is exact too), all six at once where AVX-512 is at hand.
    /// <paramref name="fractions"/> holds the powers of ten to divide by, then at 8 on those to multiply by.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Convert(ref ulong lanes, ref long fractions, ref double values)
    {
        if (Vector512.IsHardwareAccelerated && Avx512BW.IsSupported && Avx512DQ.IsSupported)
        {
            // Digit pairs, then quads (x10 and x100 on the first of each), then the eight: the scalar Combine's steps.
            var pairs = Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref lanes).AsByte(), Vector512.Create((ushort)0x010A).AsSByte());
            var quads = Avx512BW.MultiplyAddAdjacent(pairs, Vector512.Create(0x0001_0064u).AsInt16()).AsUInt32();
            var whole = Avx512F.Multiply(quads, Vector512.Create(10_000UL).AsUInt32()) + Vector512.ShiftRightLogical(quads.AsUInt64(), 32);
            var powers = Vector512.Create(1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7);
            var up = Avx512F.PermuteVar8x64(powers, Vector512.LoadUnsafe(ref fractions, 8));
            var down = Avx512F.PermuteVar8x64(powers, Vector512.LoadUnsafe(ref fractions));

            // One of up and down is 1: the other operation is exact, so each value is rounded once, as Number rounds it.
            (Avx512DQ.ConvertToVector512Double(whole) * up / down).StoreUnsafe(ref values);
            return;
        }

        for (var k = 0; k < 6; k++)
        {
            Unsafe.Add(ref values, k) = (double)(long)Combine(Unsafe.Add(ref lanes, k)) * DoublePower((int)Unsafe.Add(ref fractions, k + 8)) / DoublePower((int)Unsafe.Add(ref fractions, k));
        }
    }

    /// <summary>The plain non-negative integer in [<paramref name="a"/>, <paramref name="e"/>) by the masks from <paramref name="origin"/>: 1 to 16 digits, no leading zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CommonWhole(ref byte b, int a, int e, int origin, ulong odd, ulong zeros, out long value)
    {
        var length = e - a;
        var shift = a - origin;
        var within = ulong.MaxValue >> (64 - length);
        var plain = (((odd >> shift) & within) | ((zeros >> shift) & (within >> 1) & 1)) == 0;
        var w = Word(ref b, a);
        if ((uint)(length - 1) < 8)
        {
            value = (long)Digits(w, length);
            return plain;
        }

        if ((uint)(length - 9) < 8)
        {
            var rest = length - 8;
            value = (long)((Digits(w, 8) * IntegerPower(rest)) + Digits(Word(ref b, a + 8), rest));
            return plain;
        }

        value = 0;
        return false;
    }
}
