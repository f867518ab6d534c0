using SmallCaps.Core.Api.Reference;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Reads a local snapshot in the seeds' shape: <c>tickers.parquet</c> (the tickers list: ticker, name, market,
/// primary_exchange, type, active, cik, composite_figi, share_class_figi, delisted_utc, ...) and an optional
/// details file (ticker, market_cap or marketcap/market_capitalization, list_date, sic_code, ...).
/// Columns are found by name (any case); missing optional columns read as nulls.
/// </summary>
internal static class SnapshotFiles
{
    public static IReadOnlyList<TickerRecord> ReadTickers(string path)
    {
        using var reader = Open(path);
        if (!SnapshotColumn.Read(reader, "ticker").Exists)
        {
            throw new UniverseInputException($"{path}: no 'ticker' column (columns: {string.Join(", ", reader.Columns.Select(c => c.Name))})");
        }

        return ReadRows(reader, path);
    }

    /// <summary>A details file has the same columns by name (plus market_cap, list_date, sic_code...).</summary>
    public static IReadOnlyList<TickerRecord> ReadDetails(string path) => ReadTickers(path);

    internal static List<TickerRecord> ReadRows(ParquetFileReader reader, string path)
    {
        try
        {
            var ticker = SnapshotColumn.Read(reader, "ticker");
            var name = SnapshotColumn.Read(reader, "name");
            var market = SnapshotColumn.Read(reader, "market");
            var locale = SnapshotColumn.Read(reader, "locale");
            var exchange = SnapshotColumn.Read(reader, "primary_exchange");
            var type = SnapshotColumn.Read(reader, "type");
            var active = SnapshotColumn.Read(reader, "active");
            var currency = SnapshotColumn.Read(reader, "currency_name");
            var cik = SnapshotColumn.Read(reader, "cik");
            var figi = SnapshotColumn.Read(reader, "composite_figi");
            var shareClass = SnapshotColumn.Read(reader, "share_class_figi");
            var updated = SnapshotColumn.Read(reader, "last_updated_utc");
            var delisted = SnapshotColumn.Read(reader, "delisted_utc");
            var listDate = SnapshotColumn.Read(reader, "list_date");
            var cap = SnapshotColumn.Read(reader, "market_cap", "marketcap", "market_capitalization");
            var capDate = SnapshotColumn.Read(reader, "market_cap_date");
            var sic = SnapshotColumn.Read(reader, "sic_code");
            var sicText = SnapshotColumn.Read(reader, "sic_description");
            var classShares = SnapshotColumn.Read(reader, "share_class_shares_outstanding");
            var weighted = SnapshotColumn.Read(reader, "weighted_shares_outstanding");
            var employees = SnapshotColumn.Read(reader, "total_employees");
            var rows = new List<TickerRecord>(checked((int)reader.RowCount));
            for (var i = 0; i < reader.RowCount; i++)
            {
                if (ticker.String(i) is not { Length: > 0 } symbol)
                {
                    continue;
                }

                rows.Add(new TickerRecord
                {
                    Ticker = symbol,
                    Name = name.String(i),
                    Market = market.String(i),
                    Locale = locale.String(i),
                    PrimaryExchange = exchange.String(i),
                    Type = type.String(i),
                    Active = active.Boolean(i),
                    CurrencyName = currency.String(i),
                    Cik = cik.String(i),
                    CompositeFigi = figi.String(i),
                    ShareClassFigi = shareClass.String(i),
                    LastUpdatedUtc = updated.String(i),
                    DelistedUtc = delisted.String(i),
                    ListDate = listDate.String(i),
                    MarketCap = cap.Double(i),
                    MarketCapDate = capDate.String(i),
                    SicCode = sic.String(i),
                    SicDescription = sicText.String(i),
                    ShareClassSharesOutstanding = classShares.Double(i),
                    WeightedSharesOutstanding = weighted.Double(i),
                    TotalEmployees = employees.Double(i) is { } e ? (long)e : null,
                });
            }

            return rows;
        }
        catch (ParquetFormatException ex)
        {
            throw Explain(path, ex);
        }
    }

    internal static ParquetFileReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new UniverseInputException($"{path}: snapshot file not found");
        }

        try
        {
            return ParquetFileReader.Open(path);
        }
        catch (ParquetFormatException ex)
        {
            throw Explain(path, ex);
        }
    }

    internal static UniverseInputException Explain(string path, ParquetFormatException ex)
    {
        // polars writes ZSTD by default; without the native library say how to re-save the file.
        if (ex.Message.Contains("ZSTD", StringComparison.OrdinalIgnoreCase))
        {
            return new UniverseInputException(
                $"{path} was written with ZSTD compression, which needs the native zstd library (libzstd) and it could not be loaded; "
                + $"install libzstd, or re-save the file with polars: pl.read_parquet(path).write_parquet(path, compression='snappy')", ex);
        }

        return new UniverseInputException($"{path}: not a readable Parquet file: {ex.Message}", ex);
    }
}
