using System.Text.Json;

namespace SmallCaps.Parquet.Tests.Conformance;

/// <summary>Asserts that our reader returns, for every column of a file, exactly what DuckDB returned.</summary>
internal static class DuckDbComparison
{
    public static void AssertMatches(string path, JsonElement expected)
    {
        var fileName = Path.GetFileName(path);
        Assert.False(expected.TryGetProperty("error", out var error), $"DuckDB could not read {fileName}: {error}");
        var duckColumns = expected.GetProperty("columns").EnumerateArray()
            .Select(c => (Name: c.GetProperty("name").GetString()!, Type: c.GetProperty("type").GetString()!, Readable: !c.TryGetProperty("error", out _)))
            .ToList();
        var duckRows = expected.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToList();

        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(duckRows.Count, reader.RowCount);
        for (var c = 0; c < duckColumns.Count; c++)
        {
            var (name, type, readable) = duckColumns[c];
            var source = c;
            if (!readable)
            {
                // DuckDB rejects BYTE_STREAM_SPLIT on INT32/INT64/FLBA; the file holds the same data PLAIN-encoded in a twin column.
                Assert.EndsWith("_byte_stream_split", name, StringComparison.Ordinal);
                source = duckColumns.FindIndex(d => d.Name == name.Replace("_byte_stream_split", "_plain", StringComparison.Ordinal));
                Assert.True(source >= 0 && duckColumns[source].Readable, $"{fileName}: no readable twin for {name}");
            }

            var ours = Canonical(reader, name, type);
            var theirs = duckRows.Select(r => ValueCanonicalizer.FromDuckDb(r[source], type)).ToList();
            Assert.Equal(theirs.Count, ours.Count);
            for (var i = 0; i < theirs.Count; i++)
            {
                if (theirs[i] != ours[i])
                {
                    Assert.Fail($"{fileName} column {name} ({type}) row {i}: DuckDB {theirs[i]}, ours {ours[i]}");
                }
            }
        }
    }

    private static List<string> Canonical(ParquetFileReader reader, string name, string duckType)
    {
        var leaves = reader.Columns.Where(c => c.PathSegments[0] == name).ToList();
        Assert.True(leaves.Count == 1, $"column {name} maps to {leaves.Count} leaves");
        var leaf = leaves[0];
        var data = reader.ReadColumn(leaf.Path);
        if (leaf.IsFlat)
        {
            return Enumerable.Range(0, data.ValueCount).Select(i => ValueCanonicalizer.FromOurs(data, i, duckType)).ToList();
        }

        return data.ToInt32Lists().Select(ValueCanonicalizer.List).ToList();
    }
}
