using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static SmallCaps.Core.Api.TemplateNumbers;

namespace SmallCaps.Core.Api;

/// <summary>
/// Runs of template rows a whole row at once with AVX-512 (BW, DQ, CD, VBMI, VBMI2): the row's 128 bytes in two
/// registers, its separators compressed into a vector of positions, every key gathered and compared in one masked
/// compare, and the digits of v, vw, o, c, h, l and t gathered into fixed 8-byte lanes, checked by masks and converted
/// together. A row is taken when it ends within its 128 bytes, each decimal has at most 8 bytes (at most one '.', no
/// leading zero; v may add an exponent of 1 or 2 digits within 1e7 either way) and t and n at most 16 digits; any other
/// row is left to <see cref="BarRowTemplate"/>'s scalar rows, so every bar taken equals theirs bit for bit.
/// </summary>
internal static class BarRowVector
{
    // Offsets of the constant vectors in Tables (64 bytes each; the by-variant ones repeat per variant).
    private const int Iota = 0;
    private const int IotaHigh = 64;
    private const int KeyStarts = 128;
    private const int InLane = 192;
    private const int ValueOffsets = 256;
    private const int LengthAdjust = 320;
    private const int LengthLow = 384;
    private const int LengthSpan = 448;
    private const int KeyLengths = 512; // by vw: 2 x 64
    private const int Columns = 640; // by vw: 2 x 64
    private const int ColumnStarts = 768; // by vw: 2 x 64
    private const int KeyTemplates = 896; // by variant (vw, n): 4 x 64
    private const int KeyMasks = 1152; // by variant: 4 x 64
    private const int TableSize = 1408;

    // Bits of the value lanes' bytes: the byte after is in the same number (t's high lane runs on into its low one);
    // no '.' may be there (a lane's last byte, t).
    private const ulong NextInNumber = 0x7FFF_7F7F_7F7F_7F7F;
    private const ulong DotNever = 0xFFFF_8080_8080_8080;

    // An index of the second table of a two-table permute: the zero of the '{' before the first key.
    private const byte RowStart = 64;

    // Lanes of the value vector: v, vw, o, c, h, l, then t's 8 bytes before its last 8, then its last 8.
    private const int HighTime = 6;

    // The ring of '}' masks: 16 blocks of 64 bytes, filled up to 10 blocks past the row at hand.
    private const int RingBlocks = 16;
    private const int BlocksAhead = 10;

    // The shortest row of the form, {"v":1,"o":1,"c":1,"h":1,"l":1,"t":1}, has its '}' at 36.
    private const int ShortestEnd = 36;

    /// <summary>Whether this machine runs the whole-row path.</summary>
    public static bool IsSupported =>
        Vector512.IsHardwareAccelerated && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512CD.IsSupported
        && Avx512Vbmi.IsSupported && Avx512Vbmi2.IsSupported;

    private static readonly byte[] TableBytes = BuildTables();

    /// <summary>
    /// Appends the rows of the template's form with common numbers from the row whose '{' is at <paramref name="r"/> on
    /// (its <c>{"v":</c> checked by the caller), and returns the index of the last one's '}': -1 when the first is
    /// declined. It stops before a row it declines, at a row too near the end (from <paramref name="limit"/> on) and
    /// where no row follows; the caller tells these apart by what follows the index. At least
    /// <see cref="BarRowTemplate.Reach"/> bytes must be readable from every row's start up to <paramref name="limit"/>.
    /// </summary>
    public static int Rows(ref byte b, int r, int limit, BarPage page)
    {
        ref var tables = ref MemoryMarshal.GetArrayDataReference(TableBytes);
        ref var scratch = ref MemoryMarshal.GetReference(stackalloc byte[192]);
        ref var ring = ref MemoryMarshal.GetReference(stackalloc ulong[RingBlocks]);

        // Where each row ends comes from masks of the '}' in 64-byte blocks computed ahead into a ring, so the step
        // from one row to the next waits on no load of the row itself and the loads of several rows overlap. Blocks
        // from `computed` on are not in the ring yet; the last one lies wholly within the readable bytes.
        var computed = r >> 6;
        var lastBlock = ((limit + BarRowTemplate.Reach) >> 6) - 1;
        var taken = -1;
        var run = page.StartRun();
        var rows = 0;
        while (true)
        {
            if (rows == run.Room)
            {
                // The page is full: it grows here, where no value of a row is live across the call.
                page.EndRun(rows);
                run = page.StartRun();
                rows = 0;
            }

            // The row's own blocks (r <= limit, so its 128 bytes lie within lastBlock) and a few ahead.
            var want = Math.Min((r >> 6) + BlocksAhead, lastBlock);
            while (computed <= want)
            {
                Unsafe.Add(ref ring, computed & (RingBlocks - 1)) = Vector512.Equals(Vector512.LoadUnsafe(ref b, (nuint)computed * 64), Vector512.Create((byte)'}')).ExtractMostSignificantBits();
                computed++;
            }

            // The first '}' in the 128 bytes from r (128 when there is none).
            var k = r >> 6;
            var shift = r & 63;
            var m1 = Unsafe.Add(ref ring, (k + 1) & (RingBlocks - 1));
            var nearBraces = (Unsafe.Add(ref ring, k & (RingBlocks - 1)) >> shift) | ((m1 << 1) << (63 - shift));
            var farBraces = (m1 >> shift) | ((Unsafe.Add(ref ring, (k + 2) & (RingBlocks - 1)) << 1) << (63 - shift));
            var end = nearBraces != 0 ? (int)ulong.TrailingZeroCount(nearBraces) : 64 + (int)ulong.TrailingZeroCount(farBraces);

            ref var at = ref Unsafe.Add(ref b, r);
            var x0 = Vector512.LoadUnsafe(ref at);
            var x1 = Vector512.LoadUnsafe(ref at, 64);
            var ok = end < 128;

            // Every separator of the 128 bytes compressed into its position, those past the row's end too (only the
            // row's own are read): ends[k] ends field k. The low block's lanes past its count hold 0xFF, no position,
            // and the expand fills them with the high block's, so no count is needed before the join.
            var separators0 = Vector512.Equals(x0, Vector512.Create((byte)'}')) | Vector512.Equals(x0, Vector512.Create((byte)','));
            var separators1 = Vector512.Equals(x1, Vector512.Create((byte)'}')) | Vector512.Equals(x1, Vector512.Create((byte)','));
            var low = Avx512Vbmi2.Compress(Vector512<byte>.AllBitsSet, separators0, Vector512.LoadUnsafe(ref tables, Iota));
            var high = Avx512Vbmi2.Compress(Vector512<byte>.Zero, separators1, Vector512.LoadUnsafe(ref tables, IotaHigh));
            var ends = Avx512Vbmi2.Expand(low, Vector512.Equals(low, Vector512<byte>.AllBitsSet), high);

            // The row's fields: its separators up to and with its '}'.
            var bits0 = separators0.ExtractMostSignificantBits();
            var bits1 = separators1.ExtractMostSignificantBits();
            var fields = BitOperations.PopCount(bits0 & (ulong.MaxValue >> (63 - Math.Min(end, 63))))
                + (end < 64 ? 0 : BitOperations.PopCount(bits1 & (ulong.MaxValue >> (127 - end))));

            // The variant: vw after v, otc before the '}', n when one more field remains.
            var separator = (int)ulong.TrailingZeroCount(bits0);
            var hasVw = (Word(ref at, separator) & BarRowTemplate.Mask6) == BarRowTemplate.KeyVw;

            // A volume with an exponent (the vendor's 1.029145e+06, rare in minute bars): 'e' or 'E' within v.
            var exponentAt = (int)ulong.TrailingZeroCount(Vector512.Equals(x0 | Vector512.Create((byte)0x20), Vector512.Create((byte)'e')).ExtractMostSignificantBits() & ~0x1FUL);
            var hasExponent = exponentAt < separator;
            var otc = end >= ShortestEnd && Word(ref at, end - 11) == BarRowTemplate.KeyOtcTrue && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref at, end - 3)) == BarRowTemplate.OtcTrueEnd;
            var vw = hasVw ? 1 : 0;
            var n = fields - (otc ? 1 : 0) - 6 - vw;
            ok &= (uint)n <= 1;
            var hasN = n == 1;
            var variant = (vw * 2) + (n & 1);

            // Each number's bytes right-aligned in its column's lane (t in two), with its length in every byte of the lane.
            var valueEnds = ends;
            var exponent = 0;
            if (hasExponent)
            {
                // v's lane takes the mantissa; the exponent is an optional sign and 1 or 2 digits up to v's separator.
                valueEnds = ends.WithElement(0, (byte)exponentAt);
                var x = Word(ref at, exponentAt + 1);
                var sign = (byte)x == (byte)'+' | (byte)x == (byte)'-' ? 1 : 0;
                var count = separator - exponentAt - 1 - sign;
                var written = x >> (sign * 8);
                ok &= ((uint)(count - 1) < 2) && (NonDigits(written) & Prefix(count)) == 0;
                var magnitude = (int)Digits(written, count & 3);
                exponent = (byte)x == (byte)'-' ? -magnitude : magnitude;
            }

            // Each column's end and the separator before its key, both straight from the ends.
            var columnEnds = Avx512Vbmi.PermuteVar64x8(valueEnds, Vector512.LoadUnsafe(ref tables, (nuint)(Columns + (vw * 64))));
            var columnStarts = Avx512Vbmi.PermuteVar64x8x2(ends, Vector512.LoadUnsafe(ref tables, (nuint)(ColumnStarts + (vw * 64))), Vector512<byte>.Zero);
            var valueIndex = columnEnds + Vector512.LoadUnsafe(ref tables, ValueOffsets);
            var text = Avx512Vbmi.PermuteVar64x8x2(x0, valueIndex, x1);
            var valueStarts = columnStarts + Vector512.LoadUnsafe(ref tables, (nuint)(KeyLengths + (vw * 64)));
            var length = Avx512BW.SubtractSaturate(columnEnds - valueStarts, Vector512.LoadUnsafe(ref tables, LengthAdjust));

            // Whatever a row's checks find wrong, as bits in one word judged once.
            var bad = ~Vector512.LessThan(length - Vector512.LoadUnsafe(ref tables, LengthLow), Vector512.LoadUnsafe(ref tables, LengthSpan)).ExtractMostSignificantBits();

            // A byte is the number's when its index is at or past the value's start (signed: a lane of a number near the
            // row's start reads from before it); with the lengths in range, every start is below 128.
            // The bytes before are zeroed (by the mask register itself), so no later mask needs an and with it.
            var inside = Vector512.GreaterThanOrEqual(valueIndex.AsSByte(), valueStarts.AsSByte()).AsByte();
            var number = Avx512BW.BlendVariable(Vector512<byte>.Zero, text, inside);

            // Digits with at most one '.' inside (none in t), neither first nor last, and no leading zero before a digit:
            // judged on bit masks in general registers, off the two vector ports.
            var isDigit = Vector512.LessThan(number - Vector512.Create((byte)'0'), Vector512.Create((byte)10));
            var isDot = Vector512.Equals(number, Vector512.Create((byte)'.'));
            var insideBits = inside.ExtractMostSignificantBits();
            var digitBits = isDigit.ExtractMostSignificantBits();
            var dotBits = isDot.ExtractMostSignificantBits();
            var leadingBits = Vector512.Equals(valueIndex, valueStarts).ExtractMostSignificantBits();
            var zeroBits = Vector512.Equals(number, Vector512.Create((byte)'0')).ExtractMostSignificantBits();
            var digitNextBits = (digitBits >> 1) & NextInNumber;
            bad |= (insideBits & ~(digitBits | dotBits)) | (dotBits & (leadingBits | DotNever)) | (leadingBits & zeroBits & digitNextBits);
            var dots = Avx512BW.BlendVariable(Vector512<byte>.Zero, Vector512<byte>.One, isDot).AsUInt64();
            bad |= ~Vector512.Equals(dots & (dots - Vector512<ulong>.One), Vector512<ulong>.Zero).ExtractMostSignificantBits() & 0xFF;

            // The digits before the '.' move up over it; the lane's fraction digits are those after it. Past the checks
            // a number's bytes are digits and '.', which the saturating subtract makes 0, as it does the zeroed bytes.
            var digits = Avx512BW.SubtractSaturate(number, Vector512.Create((byte)'0')).AsUInt64();
            var before = (dots << 8) - Vector512.Min(dots, Vector512<ulong>.One);
            var packed = ((digits & before) << 8) | (digits & ~before);
            var fraction = Avx512CD.LeadingZeroCount(dots) >> 3 & Vector512.Create(7UL);

            // Digit pairs, then quads, then the eight: at most 8 digits and 1e7, so exact operands and one rounding.
            var pairs = Avx512BW.MultiplyAddAdjacent(packed.AsByte(), Vector512.Create((ushort)0x010A).AsSByte());
            var quads = Avx512BW.MultiplyAddAdjacent(pairs, Vector512.Create(0x0001_0064u).AsInt16()).AsUInt32();
            var whole = Avx512F.Multiply(quads, Vector512.Create(10_000UL).AsUInt32()) + Vector512.ShiftRightLogical(quads.AsUInt64(), 32);
            var dividend = Avx512DQ.ConvertToVector512Double(whole);
            if (hasExponent)
            {
                // v's power of ten net of its fraction digits, within 7 either way: one exact operation and one rounding.
                var power = exponent - Math.Max(7 - (int)ulong.TrailingZeroCount((dotBits & 0xFF) | 0x100), 0);
                ok &= (uint)(power + 7) <= 14;
                dividend = dividend.WithElement(0, dividend.ToScalar() * DoublePower(Math.Max(power, 0) & 7));
                fraction = fraction.WithElement(0, (ulong)Math.Max(-power, 0));
            }

            Quotient(dividend, fraction.AsInt64()).StoreUnsafe(ref Unsafe.As<byte, double>(ref scratch));
            whole.StoreUnsafe(ref Unsafe.As<byte, ulong>(ref scratch), 8);
            ends.StoreUnsafe(ref scratch, 128);

            // Field k's key starts at the separator before it (the '{', 0 from the second table, for the first): all
            // keys in one compare, after the values in program order so that their permutes go first.
            var keyIndex = Avx512Vbmi.PermuteVar64x8x2(ends, Vector512.LoadUnsafe(ref tables, KeyStarts), Vector512<byte>.Zero) + Vector512.LoadUnsafe(ref tables, InLane);
            var keys = Avx512Vbmi.PermuteVar64x8x2(x0, keyIndex, x1);
            var template = Vector512.LoadUnsafe(ref tables, (nuint)(KeyTemplates + (variant * 64)));
            var keyMask = Vector512.LoadUnsafe(ref tables, (nuint)(KeyMasks + (variant * 64)));
            bad |= ~Vector512.Equals((keys ^ template) & keyMask, Vector512<byte>.Zero).ExtractMostSignificantBits();
            ok &= bad == 0;

            // n, when present, by the scalar reader: from after t's separator and key to its own separator.
            long transactions = 0;
            if (hasN)
            {
                var timeEnd = Unsafe.Add(ref scratch, 128 + 5 + vw);
                ok &= Whole(ref at, timeEnd + 5, end - (otc ? 11 : 0), out transactions);
            }

            if (!ok)
            {
                page.EndRun(rows);
                return taken;
            }

            ref var values = ref Unsafe.As<byte, double>(ref scratch);
            ref var integers = ref Unsafe.As<byte, ulong>(ref scratch);
            var time = (long)((Unsafe.Add(ref integers, 8 + HighTime) * 100_000_000) + Unsafe.Add(ref integers, 8 + HighTime + 1));
            run.Write(rows++, time, Unsafe.Add(ref values, 2), Unsafe.Add(ref values, 4), Unsafe.Add(ref values, 5), Unsafe.Add(ref values, 3), values, hasVw ? Unsafe.Add(ref values, 1) : 0.0, hasVw, transactions, hasN, otc);
            taken = r + end;
            if (BarRowTemplate.RunEndsAfter(ref b, taken, limit))
            {
                page.EndRun(rows);
                return taken;
            }

            r = taken + 2;
        }
    }

    /// <summary>
    /// Each lane of <paramref name="dividend"/> over 10 to the power in <paramref name="fraction"/> (0 to 7), correctly
    /// rounded as a division is, for dividends below 1e8 (any dividend over 1e0), in two dependent operations instead of
    /// the divider: the product by 10^-f held as a sum of two doubles (the second the first's error) is within 2^-105 of
    /// the exact quotient, and a quotient that is not itself a double lies at least 2^-78 from a rounding boundary (its
    /// denominator holds 5^f), so the one fused rounding rounds as the division does. Checked for every such dividend and
    /// power by the tests.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Quotient(Vector512<double> dividend, Vector512<long> fraction)
    {
        var high = Avx512F.PermuteVar8x64(Vector512.Create(1e0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7), fraction);
        var low = Avx512F.PermuteVar8x64(Vector512.Create(0.0, -5.551115123125783e-18, -2.0816681711721684e-19, -2.0816681711721686e-20, -4.79217360238593e-21, -8.180305391403131e-22, 4.525188817411374e-23, 4.525188817411374e-24), fraction);
        return Avx512F.FusedMultiplyAdd(dividend, high, dividend * low);
    }

    private static byte[] BuildTables()
    {
        var t = new byte[TableSize];
        string[] names = ["{\"v\":", ",\"vw\":", ",\"o\":", ",\"c\":", ",\"h\":", ",\"l\":", ",\"t\":", ",\"n\":"];
        for (var i = 0; i < 64; i++)
        {
            var lane = i / 8;
            var j = i % 8;
            t[Iota + i] = (byte)i;
            t[IotaHigh + i] = (byte)(64 + i);
            t[KeyStarts + i] = (byte)(lane == 0 ? RowStart : lane - 1);
            t[InLane + i] = (byte)j;
            t[ValueOffsets + i] = (byte)(j - (lane == HighTime ? 16 : 8));
            t[LengthAdjust + i] = (byte)(lane == HighTime ? 8 : 0);
            t[LengthLow + i] = (byte)(lane == HighTime ? 0 : 1);
            t[LengthSpan + i] = (byte)(lane switch { HighTime => 9, HighTime + 1 => 16, _ => 8 });

            for (var vw = 0; vw < 2; vw++)
            {
                // Column c reads the field it is (t twice; vw absent: o again), whose key is 6 bytes for vw, else 5.
                var field = lane switch { 0 => 0, 1 => 1, HighTime + 1 => HighTime - 1 + vw, _ => lane - 1 + vw };
                t[Columns + (vw * 64) + i] = (byte)field;
                t[ColumnStarts + (vw * 64) + i] = (byte)(field == 0 ? RowStart : field - 1);
                t[KeyLengths + (vw * 64) + i] = (byte)(vw == 1 && field == 1 ? 6 : 5);
                for (var n = 0; n < 2; n++)
                {
                    var keys = names.Where((_, k) => (k != 1 || vw == 1) && (k != 7 || n == 1)).ToArray();
                    var at = ((vw * 2) + n) * 64;
                    if (lane < keys.Length && j < keys[lane].Length)
                    {
                        t[KeyTemplates + at + i] = (byte)keys[lane][j];
                        t[KeyMasks + at + i] = 0xFF;
                    }
                }
            }
        }

        return t;
    }
}
