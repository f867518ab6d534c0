using System.Text.Json;

namespace SmallCaps.Simulator.Tests.Fixtures;

/// <summary>
/// Compares the shape of two JSON documents: same keys, same JSON kinds, integers where the vendor wrote
/// integers. Keys the vendor documents as optional may be missing; a few documented fields absent from the
/// old captures may be added.
/// </summary>
internal static class JsonShape
{
    /// <summary>Fields the vendor omits when empty or not applicable.</summary>
    public static readonly HashSet<string> Optional =
    [
        "next_url", "cik", "conditions", "correction", "trf_id", "trf_timestamp", "vw", "n", "otc", "primary_exchange",
        "phone_number", "address", "description", "sic_code", "sic_description", "homepage_url", "total_employees",
        "branding", "market_cap", "delisted_utc", "indicators", "ticker_suffix",
    ];

    /// <summary>Documented vendor fields that the captured (older) bodies do not show.</summary>
    public static readonly HashSet<string> AllowedExtra = ["id", "delisted_utc", "ticker_suffix", "otc", "next_url"];

    /// <summary>Keys the vendor's schema types as double: an integer in one capture is a value, not the shape.</summary>
    public static readonly HashSet<string> DocumentedDoubles = ["v", "vw", "o", "h", "l", "c", "price", "size", "cash_amount", "market_cap"];

    public static List<string> Differences(JsonElement fixture, JsonElement actual)
    {
        var diffs = new List<string>();
        Compare(fixture, actual, "$", diffs);
        return diffs;
    }

    private static void Compare(JsonElement f, JsonElement a, string path, List<string> diffs)
    {
        if (Kind(f) != Kind(a))
        {
            diffs.Add($"{path}: fixture {Kind(f)} but simulator {Kind(a)} ({Trim(a.GetRawText())})");
            return;
        }

        var key = path[(path.LastIndexOf('.') + 1)..];
        if (f.ValueKind == JsonValueKind.Number && IsIntegerLiteral(f.GetRawText()) && !IsIntegerLiteral(a.GetRawText()) && !DocumentedDoubles.Contains(key))
        {
            diffs.Add($"{path}: fixture integer but simulator {Trim(a.GetRawText())}");
            return;
        }

        switch (f.ValueKind)
        {
            case JsonValueKind.Object:
                CompareObjects([f], [a], path, diffs);
                break;
            case JsonValueKind.Array:
                var fo = f.EnumerateArray().ToList();
                var ao = a.EnumerateArray().ToList();
                if (fo.Count > 0 && ao.Count == 0)
                {
                    diffs.Add($"{path}: fixture has {fo.Count} elements, simulator none");
                }
                else if (fo.Count > 0 && fo[0].ValueKind == JsonValueKind.Object)
                {
                    CompareObjects(fo, ao, path + "[]", diffs);
                }
                else if (fo.Count > 0)
                {
                    foreach (var x in ao)
                    {
                        Compare(fo[0], x, path + "[]", diffs);
                    }
                }

                break;
        }
    }

    private static void CompareObjects(List<JsonElement> fixtures, List<JsonElement> actuals, string path, List<string> diffs)
    {
        var fixtureKeys = fixtures.SelectMany(o => o.EnumerateObject().Select(p => p.Name)).ToHashSet();
        var required = fixtureKeys.Where(k => fixtures.All(o => o.TryGetProperty(k, out _)) && !Optional.Contains(k)).ToList();
        foreach (var a in actuals)
        {
            if (a.ValueKind != JsonValueKind.Object)
            {
                diffs.Add($"{path}: simulator element is {a.ValueKind}");
                continue;
            }

            foreach (var k in required.Where(k => !a.TryGetProperty(k, out _)))
            {
                diffs.Add($"{path}.{k}: missing in simulator");
            }

            foreach (var p in a.EnumerateObject())
            {
                var model = fixtures.Select(o => o.TryGetProperty(p.Name, out var v) ? v : (JsonElement?)null).FirstOrDefault(v => v is not null);
                if (model is null)
                {
                    if (!AllowedExtra.Contains(p.Name))
                    {
                        diffs.Add($"{path}.{p.Name}: not in fixture");
                    }

                    continue;
                }

                Compare(model.Value, p.Value, $"{path}.{p.Name}", diffs);
            }
        }

        foreach (var k in fixtureKeys.Where(k => !Optional.Contains(k) && actuals.Count > 0 && actuals.All(a => a.ValueKind == JsonValueKind.Object && !a.TryGetProperty(k, out _))))
        {
            if (!required.Contains(k))
            {
                diffs.Add($"{path}.{k}: never present in simulator");
            }
        }
    }

    // Vendor floats may come back as integers (642646396.0 vs 642646396); vendor integers must stay integers.
    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var k => k.ToString(),
    };

    private static bool IsIntegerLiteral(string raw) => !raw.Contains('.') && !raw.Contains('e') && !raw.Contains('E');

    private static string Trim(string s) => s.Length > 60 ? s[..60] + "..." : s;
}
