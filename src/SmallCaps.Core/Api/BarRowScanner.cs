using System.Buffers.Binary;
using System.Text;

namespace SmallCaps.Core.Api;

/// <summary>
/// The hot path for one bar: a hand-written scanner for flat objects of the known keys (<c>v vw o c h l t n otc T</c>)
/// in any order with optional whitespace, numbers in one pass by the exact <see cref="JsonNumbers.ReadPrefix"/>. It accepts
/// only rows whose meaning is certain; anything else (escapes, nulls, unknown or repeated keys, exotic numbers,
/// non-ASCII text, a row not yet complete) returns false and the row goes to <see cref="BarRowReader"/>, so the
/// result is the same as the reader's in every case.
/// </summary>
internal static class BarRowScanner
{
    private const int T = 0;
    private const int O = 1;
    private const int H = 2;
    private const int L = 3;
    private const int C = 4;
    private const int V = 5;
    private const int Vw = 6;
    private const int N = 7;
    private const int Otc = 8;
    private const int Symbol = 9;
    private const int NoKey = -1;
    private const int Required = (1 << T) | (1 << O) | (1 << H) | (1 << L) | (1 << C) | (1 << V);

    // '"', any byte, '"', ':' read as a little-endian uint with the second byte masked out.
    private const uint OneLetterKey = 0x3A220022;

    // Past 18 digits a long could overflow; such values go to the reader.
    private const int MaxIntegerDigits = 18;

    /// <summary>Adds the bar starting at <paramref name="data"/>[0] (a <c>{</c>) to <paramref name="page"/>; false leaves the page untouched.</summary>
    /// <param name="data">The row and possibly more bytes after it.</param>
    /// <param name="page">The page to append to.</param>
    /// <param name="length">Bytes the row took, through its closing brace.</param>
    public static bool TryRead(ReadOnlySpan<byte> data, BarPage page, out int length)
    {
        // The position is a plain local threaded through by value (see JsonNumbers.ReadPrefix for why).
        length = 0;
        long t = 0, n = 0;
        double o = 0, h = 0, l = 0, c = 0, v = 0, vw = 0;
        var otc = false;
        string? symbol = null;
        var seen = 0;
        var i = 1;
        while (true)
        {
            // Whitespace is rare: test one byte before looking for it.
            if (i < data.Length && data[i] <= (byte)' ')
            {
                i = SkipWhitespace(data, i);
            }

            int key;
            var member = i;
            if (data.Length - i > 8 && (BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) & 0xFF00FFFF) == OneLetterKey)
            {
                // The vendor's compact form, "k": in one compare.
                key = Letter(data[i + 1]);
                i += 4;
            }
            else
            {
                key = Key(data, i);
                i += key switch
                {
                    Vw => 4,
                    Otc => 5,
                    _ => 3,
                };
                if (i < data.Length && data[i] <= (byte)' ')
                {
                    i = SkipWhitespace(data, i);
                }

                if (key != NoKey && (i >= data.Length || data[i] != (byte)':'))
                {
                    return false;
                }

                i++;
            }

            if (key != NoKey && (seen & (1 << key)) != 0)
            {
                return false;
            }

            seen |= key == NoKey ? 0 : 1 << key;
            if (i < data.Length && data[i] <= (byte)' ')
            {
                i = SkipWhitespace(data, i);
            }

            int end;
            if (key == NoKey)
            {
                // A field the vendor may add one day: skipped when its value is a plain one, so such rows stay fast.
                end = UnknownMember(data, member);
            }
            else if (key <= Vw && key != T)
            {
                end = Number(data, i, out var number);
                switch (key)
                {
                    case O: o = number; break;
                    case H: h = number; break;
                    case L: l = number; break;
                    case C: c = number; break;
                    case V: v = number; break;
                    default: vw = number; break;
                }
            }
            else if (key is T or N)
            {
                end = Integer(data, i, out var integer);
                if (key == T)
                {
                    t = integer;
                }
                else
                {
                    n = integer;
                }
            }
            else if (key == Otc)
            {
                end = Boolean(data, i, out otc);
            }
            else
            {
                end = AsciiString(data, i, out symbol);
            }

            if (end < 0 || end >= data.Length)
            {
                return false;
            }

            i = end;
            if (data[i] <= (byte)' ')
            {
                i = SkipWhitespace(data, i);
                if (i >= data.Length)
                {
                    return false;
                }
            }

            if (data[i] == (byte)',')
            {
                i++;
                continue;
            }

            if (data[i] == (byte)'}')
            {
                break;
            }

            return false;
        }

        if ((seen & Required) != Required)
        {
            // The reader words the error; the scanner never decides a row is bad.
            return false;
        }

        var row = page.Add(t, o, h, l, c, v);
        if ((seen & (1 << Vw)) != 0)
        {
            page.SetVwap(row, vw);
        }

        if ((seen & (1 << N)) != 0)
        {
            page.SetTransactions(row, n);
        }

        if (otc)
        {
            page.SetOtc(row, true);
        }

        if (symbol is not null)
        {
            page.SetSymbol(row, symbol);
        }

        length = i + 1;
        return true;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> data, int i)
    {
        while (i < data.Length && data[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    // data[i] should be a key's opening quote; NoKey for anything else, a short tail included.
    private static int Key(ReadOnlySpan<byte> data, int i)
    {
        if (i + 4 >= data.Length || data[i] != (byte)'"')
        {
            // Even the shortest member ("t":0) needs five more bytes.
            return NoKey;
        }

        var k0 = data[i + 1];
        var k1 = data[i + 2];
        if (k1 == (byte)'"')
        {
            return Letter(k0);
        }

        if (k0 == (byte)'v' && k1 == (byte)'w' && data[i + 3] == (byte)'"')
        {
            return Vw;
        }

        return k0 == (byte)'o' && k1 == (byte)'t' && data[i + 3] == (byte)'c' && data[i + 4] == (byte)'"' ? Otc : NoKey;
    }

    private static int Letter(byte name) => name switch
    {
        (byte)'t' => T,
        (byte)'o' => O,
        (byte)'h' => H,
        (byte)'l' => L,
        (byte)'c' => C,
        (byte)'v' => V,
        (byte)'n' => N,
        (byte)'T' => Symbol,
        _ => NoKey,
    };

    // Each value reader returns the index after the value, or -1 when the scanner cannot be sure of it.
    private static int Number(ReadOnlySpan<byte> data, int i, out double value)
    {
        var length = JsonNumbers.ReadPrefix(data[i..], out value);
        return length < 0 ? -1 : i + length;
    }

    // Plain integers only: fractions and exponents ("1.6e12", "96.0") take the reader's integral-double path.
    private static int Integer(ReadOnlySpan<byte> data, int i, out long value)
    {
        value = 0;
        var negative = i < data.Length && data[i] == (byte)'-';
        var start = negative ? i + 1 : i;
        var (end, magnitude) = JsonNumbers.AppendDigits(data, start, 0);
        var digits = end - start;
        if (digits == 0 || digits > MaxIntegerDigits || (digits > 1 && data[start] == (byte)'0') || end >= data.Length || data[end] is (byte)'.' or (byte)'e' or (byte)'E')
        {
            return -1;
        }

        value = negative ? -(long)magnitude : (long)magnitude;
        return end;
    }

    private static int Boolean(ReadOnlySpan<byte> data, int i, out bool value)
    {
        value = false;
        if (data[i..].StartsWith("true"u8))
        {
            value = true;
            return i + 4;
        }

        return data[i..].StartsWith("false"u8) ? i + 5 : -1;
    }

    // Printable ASCII without escapes decodes to the same string the reader would give.
    private static int AsciiString(ReadOnlySpan<byte> data, int i, out string? value)
    {
        var end = AsciiStringEnd(data, i);
        value = end < 0 ? null : Encoding.ASCII.GetString(data[(i + 1)..(end - 1)]);
        return end;
    }

    // The index after a string of printable ASCII without escapes starting at data[i], or -1.
    private static int AsciiStringEnd(ReadOnlySpan<byte> data, int i)
    {
        if (i >= data.Length || data[i] != (byte)'"')
        {
            return -1;
        }

        for (var k = i + 1; k < data.Length; k++)
        {
            var b = data[k];
            if (b == (byte)'"')
            {
                return k + 1;
            }

            if (b is < 0x20 or >= 0x7F or (byte)'\\')
            {
                return -1;
            }
        }

        return -1;
    }

    // An unknown "name": value with a plain value (number, true, false, null, plain string) starting at data[i]; the
    // index after the value, or -1 (objects, arrays, escapes: the reader skips those).
    private static int UnknownMember(ReadOnlySpan<byte> data, int i)
    {
        var k = AsciiStringEnd(data, i);
        if (k < 0)
        {
            return -1;
        }

        k = SkipWhitespace(data, k);
        if (k >= data.Length || data[k] != (byte)':')
        {
            return -1;
        }

        k = SkipWhitespace(data, k + 1);
        if (k >= data.Length)
        {
            return -1;
        }

        var rest = data[k..];
        switch (data[k])
        {
            case (byte)'"':
                return AsciiStringEnd(data, k);
            case (byte)'t':
                return rest.StartsWith("true"u8) ? k + 4 : -1;
            case (byte)'f':
                return rest.StartsWith("false"u8) ? k + 5 : -1;
            case (byte)'n':
                return rest.StartsWith("null"u8) ? k + 4 : -1;
            default:
                var length = JsonNumbers.ReadPrefix(rest, out _);
                return length < 0 ? -1 : k + length;
        }
    }
}
