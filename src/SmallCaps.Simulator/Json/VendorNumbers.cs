using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SmallCaps.Simulator.Json;

/// <summary>Numbers written the way the vendor writes them.</summary>
internal static class VendorNumbers
{
    /// <summary>
    /// Volumes of a million or more come out in Go's shortest %g form (<c>1.029145e+06</c>), as the vendor
    /// sometimes sends them; smaller ones as plain shortest round-trip numbers.
    /// </summary>
    public static void WriteVolume(Utf8JsonWriter writer, string name, double volume, bool exponentForm)
    {
        if (!exponentForm || volume < 1e6 || volume >= 1e15)
        {
            writer.WriteNumber(name, volume);
            return;
        }

        var shortest = volume.ToString("R", CultureInfo.InvariantCulture);
        var dot = shortest.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? shortest.Length : dot;
        var digits = shortest.Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        var sb = new StringBuilder(24);
        sb.Append(digits[0]);
        if (digits.Length > 1)
        {
            sb.Append('.').Append(digits, 1, digits.Length - 1);
        }

        sb.Append("e+").Append((integerDigits - 1).ToString("D2", CultureInfo.InvariantCulture));
        writer.WritePropertyName(name);
        writer.WriteRawValue(sb.ToString(), skipInputValidation: true);
    }
}
