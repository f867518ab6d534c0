using NodaTime;

namespace SmallCaps.Core.Universe;

/// <summary>Reads ticker_events files back: the ticker changes of each identity, so done chunks need no new request.</summary>
internal static class TickerEventFiles
{
    public static Dictionary<string, List<(string Ticker, LocalDate? Date)>> Read(IEnumerable<string> files)
    {
        var byIdentity = new Dictionary<string, List<(string, LocalDate?)>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            using var reader = SnapshotFiles.Open(file);
            var identity = SnapshotColumn.Read(reader, "identity");
            var ticker = SnapshotColumn.Read(reader, "ticker");
            var date = SnapshotColumn.Read(reader, "date");
            for (var i = 0; i < reader.RowCount; i++)
            {
                if (identity.String(i) is not { } id || ticker.String(i) is not { } symbol)
                {
                    continue;
                }

                if (!byIdentity.TryGetValue(id, out var list))
                {
                    byIdentity[id] = list = [];
                }

                list.Add((symbol, ReferenceDates.Parse(date.String(i))));
            }
        }

        return byIdentity;
    }
}
