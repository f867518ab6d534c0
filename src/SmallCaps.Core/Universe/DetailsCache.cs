using System.Globalization;

namespace SmallCaps.Core.Universe;

/// <summary>
/// The details dataset of one snapshot date doubles as the resume point of the details calls: answers are written
/// in numbered chunk files (each written once, atomically) as they arrive, and a re-run reads them back instead of
/// asking again.
/// </summary>
internal sealed class DetailsCache(string directory) : IDisposable
{
    // Chunk numbers are picked from the folder, so writers take turns.
    private readonly SemaphoreSlim _writing = new(1, 1);

    public string Directory { get; } = directory;

    public void Dispose() => _writing.Dispose();

    public Dictionary<DetailsRequest, DetailsRow> Load()
    {
        var rows = new Dictionary<DetailsRequest, DetailsRow>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return rows;
        }

        foreach (var file in System.IO.Directory.GetFiles(Directory, "part-*.parquet").Order(StringComparer.Ordinal))
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

    public async Task WriteChunkAsync(IReadOnlyList<DetailsRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await _writing.WaitAsync(cancellationToken);
        try
        {
            await WriteNextChunkAsync(rows, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task WriteNextChunkAsync(IReadOnlyList<DetailsRow> rows, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var next = System.IO.Directory.GetFiles(Directory, "part-*.parquet").Length;
        string path;
        do
        {
            path = Path.Combine(Directory, $"part-{next.ToString("D5", CultureInfo.InvariantCulture)}.parquet");
            next++;
        }
        while (File.Exists(path));

        await ReferenceTables.Details.WriteAsync(path, rows, cancellationToken);
    }
}
