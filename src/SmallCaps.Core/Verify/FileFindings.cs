using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>Folds row-level problems of one file into one finding per kind (count + first occurrence).</summary>
internal sealed class FileFindings(string dataset, string? ticker, string path, LocalDate? date)
{
    private readonly Dictionary<FindingKind, (long Count, string First)> _byKind = [];

    public void Add(FindingKind kind, string detail)
    {
        _byKind[kind] = _byKind.TryGetValue(kind, out var existing) ? (existing.Count + 1, existing.First) : (1, detail);
    }

    public bool Has(FindingKind kind) => _byKind.ContainsKey(kind);

    public void FlushTo(FindingSink sink)
    {
        foreach (var (kind, (count, first)) in _byKind)
        {
            var detail = count == 1 ? first : $"{first} (and {count - 1} more)";
            sink.Add(new Finding(kind, dataset, ticker, path, date, detail, count));
        }
    }
}
