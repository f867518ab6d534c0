using System.Text.Json;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>Writes one bar in the vendor's key order (v, vw, o, c, h, l, t, n, otc only when true).</summary>
internal static class BarJson
{
    public static void Write(Utf8JsonWriter json, in SimBar bar, string? symbol, bool exponentVolumes)
    {
        json.WriteStartObject();
        if (symbol is not null)
        {
            json.WriteString("T", symbol);
        }

        Json.VendorNumbers.WriteVolume(json, "v", bar.Volume, exponentVolumes);
        json.WriteNumber("vw", bar.VolumeWeighted);
        json.WriteNumber("o", bar.Open);
        json.WriteNumber("c", bar.Close);
        json.WriteNumber("h", bar.High);
        json.WriteNumber("l", bar.Low);
        json.WriteNumber("t", bar.Timestamp);
        json.WriteNumber("n", bar.Transactions);
        if (bar.Otc)
        {
            json.WriteBoolean("otc", true);
        }

        json.WriteEndObject();
    }
}
