using System.Globalization;
using System.Text.Json;

namespace SmallCaps.Core.Api;

/// <summary>Reads aggregate bars (<c>t o h l c v vw n otc T</c>) straight into a <see cref="BarPage"/>'s columns.</summary>
internal sealed class BarRowReader(BarPage page) : IPageRowSink
{
    private const int Required = (1 << (int)Field.T) | (1 << (int)Field.O) | (1 << (int)Field.H) | (1 << (int)Field.L) | (1 << (int)Field.C) | (1 << (int)Field.V);

    private enum Field
    {
        Unknown = -1,
        T,
        O,
        H,
        L,
        C,
        V,
        Vw,
        N,
        Otc,
        Symbol,
    }

    /// <summary>The page being filled.</summary>
    public BarPage Page => page;

    /// <inheritdoc />
    public void Reset() => page.Reset();

    /// <inheritdoc />
    public void ReadRow(ref Utf8JsonReader reader)
    {
        long t = 0;
        double o = 0, h = 0, l = 0, c = 0, v = 0, vw = 0;
        long n = 0;
        var otc = false;
        string? symbol = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader);
            reader.Read();
            if (field == Field.Unknown || reader.TokenType == JsonTokenType.Null)
            {
                // Unknown fields may hold objects or arrays; null optional fields count as absent.
                reader.Skip();
                continue;
            }

            seen |= 1 << (int)field;
            switch (field)
            {
                case Field.T: t = ReadInt64(ref reader, "t"); break;
                case Field.O: o = JsonNumbers.GetDouble(ref reader); break;
                case Field.H: h = JsonNumbers.GetDouble(ref reader); break;
                case Field.L: l = JsonNumbers.GetDouble(ref reader); break;
                case Field.C: c = JsonNumbers.GetDouble(ref reader); break;
                case Field.V: v = JsonNumbers.GetDouble(ref reader); break;
                case Field.Vw: vw = JsonNumbers.GetDouble(ref reader); break;
                case Field.N: n = ReadInt64(ref reader, "n"); break;
                case Field.Otc: otc = reader.GetBoolean(); break;
                case Field.Symbol: symbol = reader.GetString(); break;
            }
        }

        if ((seen & Required) != Required)
        {
            throw new PageFormatException($"Bar {page.Count.ToString(CultureInfo.InvariantCulture)} lacks one of t, o, h, l, c, v.", isTransient: false);
        }

        var row = page.Add(t, o, h, l, c, v);
        if ((seen & (1 << (int)Field.Vw)) != 0)
        {
            page.SetVwap(row, vw);
        }

        if ((seen & (1 << (int)Field.N)) != 0)
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
    }

    // Integers may arrive as 1.6e12 or 96.0; accept them when the value is integral and in range.
    private static long ReadInt64(ref Utf8JsonReader reader, string name)
    {
        if (reader.TryGetInt64(out var value))
        {
            return value;
        }

        var d = JsonNumbers.GetDouble(ref reader);
        if (d != Math.Floor(d) || d < long.MinValue || d >= long.MaxValue)
        {
            throw new PageFormatException($"Bar field '{name}' is not an integer ({d.ToString("R", CultureInfo.InvariantCulture)}).", isTransient: false);
        }

        return (long)d;
    }

    private static Field Identify(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return Identify(reader.ValueSpan);
        }

        // Rare path: an escaped name or one split across body segments.
        if (reader.ValueTextEquals("t"u8))
        {
            return Field.T;
        }

        if (reader.ValueTextEquals("o"u8))
        {
            return Field.O;
        }

        if (reader.ValueTextEquals("h"u8))
        {
            return Field.H;
        }

        if (reader.ValueTextEquals("l"u8))
        {
            return Field.L;
        }

        if (reader.ValueTextEquals("c"u8))
        {
            return Field.C;
        }

        if (reader.ValueTextEquals("v"u8))
        {
            return Field.V;
        }

        if (reader.ValueTextEquals("vw"u8))
        {
            return Field.Vw;
        }

        if (reader.ValueTextEquals("n"u8))
        {
            return Field.N;
        }

        if (reader.ValueTextEquals("otc"u8))
        {
            return Field.Otc;
        }

        return reader.ValueTextEquals("T"u8) ? Field.Symbol : Field.Unknown;
    }

    private static Field Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        1 => name[0] switch
        {
            (byte)'t' => Field.T,
            (byte)'o' => Field.O,
            (byte)'h' => Field.H,
            (byte)'l' => Field.L,
            (byte)'c' => Field.C,
            (byte)'v' => Field.V,
            (byte)'n' => Field.N,
            (byte)'T' => Field.Symbol,
            _ => Field.Unknown,
        },
        2 => name.SequenceEqual("vw"u8) ? Field.Vw : Field.Unknown,
        3 => name.SequenceEqual("otc"u8) ? Field.Otc : Field.Unknown,
        _ => Field.Unknown,
    };
}
