using System.Globalization;
using System.Text.Json;

namespace SmallCaps.Core.Api.Reference;

/// <summary>Lenient value readers for reference bodies: a field of an unexpected kind reads as absent rather than failing the page.</summary>
internal static class ReferenceJson
{
    /// <summary>Reads the value after a property name as text (numbers keep their literal text, e.g. a numeric CIK).</summary>
    public static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    public static double? ReadDouble(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                reader.Skip();
                return null;
        }
    }

    public static long? ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var value) ? value : (long)Math.Round(reader.GetDouble());
        }

        reader.Skip();
        return null;
    }

    public static bool? ReadBoolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>Skips the value after a property name (objects and arrays included).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
