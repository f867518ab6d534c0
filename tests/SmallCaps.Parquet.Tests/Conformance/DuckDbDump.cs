using System.Text.Json;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Conformance;

/// <summary>What DuckDB reads from a set of Parquet files (one node run for all of them).</summary>
public sealed class DuckDbDump
{
    private readonly Dictionary<string, JsonElement> _byFile;

    private DuckDbDump(Dictionary<string, JsonElement> byFile) => _byFile = byFile;

    public static async Task<DuckDbDump> LoadAsync(IReadOnlyList<string> files)
    {
        var json = await NodeOracle.RunScriptAsync("parquet-dump.mjs", files);
        using var doc = JsonDocument.Parse(json);
        var byFile = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            byFile[entry.GetProperty("file").GetString()!] = entry.Clone();
        }

        return new DuckDbDump(byFile);
    }

    public JsonElement For(string file) => _byFile.TryGetValue(file, out var e) ? e : throw new KeyNotFoundException($"DuckDB dump has no entry for {file}");
}
