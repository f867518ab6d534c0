using NodaTime;
using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>Locates the files of a local snapshot (the seeds' layout or our lake's) and joins details to requests.</summary>
internal static class SnapshotSource
{
    /// <summary><c>tickers.parquet</c> in the folder, else its <c>part*.parquet</c> files (a lake partition).</summary>
    public static IReadOnlyList<TickerRecord> ReadTickers(string directory)
    {
        if (File.Exists(directory) && directory.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return SnapshotFiles.ReadTickers(directory);
        }

        if (!Directory.Exists(directory))
        {
            throw new UniverseInputException($"{directory}: snapshot folder not found");
        }

        var named = Path.Combine(directory, "tickers.parquet");
        if (File.Exists(named))
        {
            return SnapshotFiles.ReadTickers(named);
        }

        var parts = Directory.GetFiles(directory, "part*.parquet").Order(StringComparer.Ordinal).ToList();
        if (parts.Count == 0)
        {
            throw new UniverseInputException($"{directory}: no tickers.parquet (nor part*.parquet) in the snapshot folder");
        }

        return [.. parts.SelectMany(SnapshotFiles.ReadTickers)];
    }

    public static IReadOnlyList<TickerRecord> ReadDetails(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.parquet").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new UniverseInputException($"{path}: no .parquet details file in the folder");
            }

            return [.. files.SelectMany(SnapshotFiles.ReadDetails)];
        }

        return SnapshotFiles.ReadDetails(path);
    }

    /// <summary>The date in a <c>snapshot_date=YYYY-MM-DD</c> (or <c>as_of_date=</c>) folder name, if any.</summary>
    public static LocalDate? DateOf(string directory)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        var eq = name.IndexOf('=', StringComparison.Ordinal);
        return eq >= 0 ? ReferenceDates.Parse(name[(eq + 1)..]) : null;
    }

    /// <summary>
    /// Picks the details row of each request: the row of that ticker with that market_cap_date when the file has
    /// the column (our lake), else the ticker's row (the seeds' files hold one row per ticker).
    /// </summary>
    public static Dictionary<DetailsRequest, TickerRecord> Join(IReadOnlyList<TickerRecord> details, IReadOnlyList<DetailsRequest> requests)
    {
        var byTicker = details.GroupBy(d => d.Ticker, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var result = new Dictionary<DetailsRequest, TickerRecord>();
        foreach (var request in requests)
        {
            if (!byTicker.TryGetValue(request.Ticker, out var rows))
            {
                continue;
            }

            var exact = rows.FirstOrDefault(r => ReferenceDates.Parse(r.MarketCapDate) == request.Date);
            var undated = rows.FirstOrDefault(r => r.MarketCapDate is null);
            if ((exact ?? undated) is { } row)
            {
                result[request] = row;
            }
        }

        return result;
    }
}
