using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Reads the details dataset of one snapshot date: every answer already in the lake (chunk files of the ledger's
/// <c>reference/details</c> tasks, and the numbered files earlier versions wrote), so a re-run asks only the rest.
/// </summary>
internal sealed class DetailsCache(string directory)
{
    public string Directory { get; } = directory;

    public Dictionary<DetailsRequest, DetailsRow> Load()
    {
        var rows = new Dictionary<DetailsRequest, DetailsRow>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return rows;
        }

        foreach (var file in System.IO.Directory.GetFiles(Directory, "part*.parquet").Order(StringComparer.Ordinal))
        {
            using var reader = SnapshotFiles.Open(file);
            var records = SnapshotFiles.ReadRows(reader, file);
            var found = SnapshotColumn.Read(reader, "found");
            for (var i = 0; i < records.Count; i++)
            {
                if (ReferenceDates.Parse(records[i].MarketCapDate) is not { } date)
                {
                    continue;
                }

                var request = new DetailsRequest(records[i].Ticker, date);
                rows[request] = new DetailsRow(request, found.Boolean(i) == false ? null : records[i]);
            }
        }

        return rows;
    }

    /// <summary>The answers the vendor knew, each stamped with the date its market cap is taken at.</summary>
    public static Dictionary<DetailsRequest, TickerRecord> Known(IEnumerable<DetailsRow> rows)
    {
        var result = new Dictionary<DetailsRequest, TickerRecord>();
        foreach (var row in rows)
        {
            if (row.Details is { } d)
            {
                d.MarketCapDate ??= ReferenceDates.Format(row.Request.Date);
                result[row.Request] = d;
            }
        }

        return result;
    }
}
