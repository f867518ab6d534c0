using System.Buffers.Text;
using System.Text.Json;
using SmallCaps.Simulator.Json;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>Writes one bar in the vendor's key order (T, v, vw, o, c, h, l, t, n, otc only when true) as raw JSON.</summary>
internal static class BarJson
{
    /// <summary>Writes a results array of bars straight into the output, bypassing the writer per bar (the hot path).</summary>
    public static void WriteArray(RequestContext ctx, string name, ReadOnlySpan<SimBar> bars, string? symbol)
    {
        var json = ctx.Json;
        json.WriteStartArray(name);
        json.Flush();
        for (var i = 0; i < bars.Length; i++)
        {
            var span = ctx.Output.GetSpan(320);
            var n = 0;
            if (i > 0)
            {
                span[n++] = (byte)',';
            }

            n += Write(span[n..], bars[i], symbol, ctx.Options.ExponentVolumes);
            ctx.Output.Advance(n);
        }

        json.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter json, in SimBar bar, string? symbol, bool exponentVolumes)
    {
        Span<byte> b = stackalloc byte[320];
        var p = Write(b, bar, symbol, exponentVolumes);
        json.WriteRawValue(b[..p], skipInputValidation: true);
    }

    private static int Write(Span<byte> b, in SimBar bar, string? symbol, bool exponentVolumes)
    {
        var p = 0;
        b[p++] = (byte)'{';
        if (symbol is not null)
        {
            p += Copy(b[p..], "\"T\":\""u8);
            p += System.Text.Encoding.UTF8.GetBytes(symbol, b[p..]);
            p += Copy(b[p..], "\","u8);
        }

        p += Copy(b[p..], "\"v\":"u8);
        p += exponentVolumes ? GridNumber.WriteExponent(b[p..], bar.Volume) : GridNumber.Write(b[p..], bar.Volume);
        p += Copy(b[p..], ",\"vw\":"u8);
        p += GridNumber.Write(b[p..], bar.VolumeWeighted);
        p += Copy(b[p..], ",\"o\":"u8);
        p += GridNumber.Write(b[p..], bar.Open);
        p += Copy(b[p..], ",\"c\":"u8);
        p += GridNumber.Write(b[p..], bar.Close);
        p += Copy(b[p..], ",\"h\":"u8);
        p += GridNumber.Write(b[p..], bar.High);
        p += Copy(b[p..], ",\"l\":"u8);
        p += GridNumber.Write(b[p..], bar.Low);
        p += Copy(b[p..], ",\"t\":"u8);
        Utf8Formatter.TryFormat(bar.Timestamp, b[p..], out var n);
        p += n;
        p += Copy(b[p..], ",\"n\":"u8);
        Utf8Formatter.TryFormat(bar.Transactions, b[p..], out n);
        p += n;
        if (bar.Otc)
        {
            p += Copy(b[p..], ",\"otc\":true"u8);
        }

        b[p++] = (byte)'}';
        return p;
    }

    private static int Copy(Span<byte> into, ReadOnlySpan<byte> text)
    {
        text.CopyTo(into);
        return text.Length;
    }
}
