using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Universe;
using SmallCaps.Parquet;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class SnapshotFilesTests
{
    [Fact]
    public async Task ReadTickers_SeedsShapeWrittenByDuckDbWithZstd_ReadsEveryRow()
    {
        // Given: a tickers.parquet like polars writes (strings, bool, ZSTD) produced by DuckDB
        using var dir = new TempDirectory();
        var path = dir.Combine("tickers.parquet");
        var sql = "COPY (SELECT * FROM (VALUES ('BRK.A','Berkshire','stocks','XNYS','CS',true,'0001067983','BBG000DWG505',NULL::VARCHAR), "
            + "('NA','Nano Corp','stocks','XNAS','CS',false,NULL,'BBG000000NA1','2020-03-02T00:00:00Z'), ('SPY','SPDR','stocks','ARCX','ETF',true,NULL,'BBG000BDTBL9',NULL)) "
            + "t(ticker,name,market,primary_exchange,type,active,cik,composite_figi,delisted_utc)) TO '" + path.Replace("'", "''", StringComparison.Ordinal) + "' (FORMAT parquet, COMPRESSION zstd)";
        await NodeOracle.RunScriptAsync("duckdb-query.mjs", [sql]);

        // When
        var rows = SnapshotFiles.ReadTickers(path);

        // Then
        using (var reader = ParquetFileReader.Open(path))
        {
            Assert.Equal("ZSTD", reader.RowGroups[0].Columns[0].Codec);
        }

        Assert.Equal(["BRK.A", "NA", "SPY"], rows.Select(r => r.Ticker));
        Assert.Equal("0001067983", rows[0].Cik);
        Assert.False(rows[1].Active);
        Assert.Equal("2020-03-02T00:00:00Z", rows[1].DelistedUtc);
        Assert.Null(rows[2].Cik);
    }

    [Fact]
    public async Task ReadDetails_DuckDbDatesAndDecimals_ReadAsDatesAndDollars()
    {
        // Given: details with a DATE column and DECIMAL/INT64 market caps, as DuckDB or pandas may write them
        using var dir = new TempDirectory();
        var path = dir.Combine("details.parquet");
        var sql = "COPY (SELECT * FROM (VALUES ('AAA', DATE '2026-06-30', 1500000000.25::DECIMAL(18,2), 7::BIGINT), ('BBB', DATE '2024-07-05', NULL, NULL)) "
            + "t(ticker, market_cap_date, market_cap, total_employees)) TO '" + path.Replace("'", "''", StringComparison.Ordinal) + "' (FORMAT parquet, COMPRESSION zstd)";
        await NodeOracle.RunScriptAsync("duckdb-query.mjs", [sql]);

        // When
        var rows = SnapshotSource.ReadDetails(path);

        // Then
        Assert.Equal("2026-06-30", rows[0].MarketCapDate);
        Assert.Equal(1500000000.25, rows[0].MarketCap!.Value, 1e-3);
        Assert.Equal(7, rows[0].TotalEmployees);
        Assert.Equal("2024-07-05", rows[1].MarketCapDate);
        Assert.Null(rows[1].MarketCap);
    }

    [Fact]
    public void Explain_ZstdUnavailable_SaysHowToResave()
    {
        // Given: what the reader throws when libzstd cannot be loaded
        var inner = new ParquetFormatException("/data/tickers.parquet", "row group 0, column 'ticker': ZSTD compression is unavailable: the native zstd library could not be loaded");

        // When
        var ex = SnapshotFiles.Explain("/data/tickers.parquet", inner);

        // Then
        Assert.StartsWith("/data/tickers.parquet was written with ZSTD compression", ex.Message, StringComparison.Ordinal);
        Assert.Contains("write_parquet(path, compression='snappy')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTickers_NotParquet_ThrowsOneLineNamingTheFile()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("tickers.parquet");
        File.WriteAllText(path, "ticker\nAAPL\n");

        // When
        var ex = Assert.Throws<UniverseInputException>(() => SnapshotFiles.ReadTickers(path));

        // Then
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task Join_SeedsDetailsWithoutDates_MatchesByTicker()
    {
        // Given: a details file in the seeds' shape (ticker, marketcap) written by our writer
        using var dir = new TempDirectory();
        var path = dir.Combine("details.parquet");
        var table = new ReferenceTable<TickerRecord>([ReferenceColumn<TickerRecord>.String("ticker", r => r.Ticker), ReferenceColumn<TickerRecord>.Double("marketcap", r => r.MarketCap)]);
        await table.WriteAsync(path, [new TickerRecord { Ticker = "AAA", MarketCap = 1.5e9 }, new TickerRecord { Ticker = "BBB" }], CancellationToken.None);
        var date = new NodaTime.LocalDate(2025, 10, 17);

        // When
        var candidates = UniverseSelector.Screen([new TickerRecord { Ticker = "AAA", Type = "CS", PrimaryExchange = "XNAS" }, new TickerRecord { Ticker = "BBB", Type = "CS", PrimaryExchange = "XNAS" }, new TickerRecord { Ticker = "CCC", Type = "CS", PrimaryExchange = "XNAS" }], date, new UniverseOptions()).Candidates;
        var joined = SnapshotSource.Join(SnapshotSource.ReadDetails(path), candidates);

        // Then
        Assert.Equal(1.5e9, joined[new DetailsRequest("AAA", date)].MarketCap);
        Assert.Null(joined[new DetailsRequest("BBB", date)].MarketCap);
        Assert.False(joined.ContainsKey(new DetailsRequest("CCC", date)));
    }
}
