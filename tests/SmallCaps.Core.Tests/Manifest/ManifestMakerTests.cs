using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Input;
using SmallCaps.Core.Manifest;
using SmallCaps.Parquet;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Manifest;

public sealed class ManifestMakerTests
{
    [Theory]
    [InlineData("symbol_x,timestamp\nABC,2024-03-15T10:00:00Z\n", ":1: missing ticker column")]
    [InlineData("ticker,when\nABC,2024-03-15T10:00:00Z\n", ":1: missing time or date column")]
    [InlineData("ticker,timestamp\nABC,2024-03-15T10:00:00Z\nXYZ,soon\n", ":3: time \"soon\" is not a time")]
    [InlineData("ticker,timestamp\nABC,2024-03-15T10:00:00Z\n\nab/c,2024-03-15T10:00:00Z\n", ":4: ticker \"ab/c\" contains '/'")]
    [InlineData("ticker,timestamp\nabc,2024-03-15T10:00:00Z\n", ":2: ticker \"abc\" is lower case")]
    [InlineData("ticker,timestamp\nABC,1710509\n", ":2: time \"1710509\" is not between 1990 and 2100")]
    [InlineData("ticker,timestamp\nABCp,2024-03-15T10:00:00Z\nABCP,2024-03-15T11:00:00Z\n", ":3: ticker \"ABCP\" differs only in case from \"ABCp\" on line 2; Windows and macOS would give both one folder")]
    public async Task MakeAsync_BadEventsCsv_LineNumberedError_NoManifest(string csv, string expected)
    {
        // Given
        using var dir = new TempDirectory();
        var events = dir.Combine("events.csv");
        await File.WriteAllTextAsync(events, csv);
        var output = dir.Combine("manifest.csv");

        // When
        var ex = await Assert.ThrowsAsync<InputException>(() => ManifestMaker.MakeAsync(events, output, new ManifestOptions(), default));

        // Then
        Assert.Contains(events + expected, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Single(Directory.EnumerateFiles(dir.Path));
    }

    [Fact]
    public async Task MakeAsync_ConfiguredColumns_CsvRoundTripsThroughRead()
    {
        // Given
        using var dir = new TempDirectory();
        var events = dir.Combine("events.csv");
        await File.WriteAllTextAsync(events, "Sym,EventTime,Day\nABC,2024-03-15 10:00:00,\nABC,,2024-03-18\nXYZ,1710511200,\n");
        var output = dir.Combine("out", "manifest.csv");

        // When
        var result = await ManifestMaker.MakeAsync(events, output, new ManifestOptions { TickerColumn = "sym", TimeColumn = "eventtime", DateColumn = "day" }, default);
        var read = ManifestFile.Read(output);

        // Then
        Assert.Equal(3, result.Windows.Count);
        Assert.Equal(result.Windows, read);
        Assert.Equal(new LocalDate(2024, 3, 18), read[1].SessionDate);
        Assert.Equal(SessionHours.OpenNs(new LocalDate(2024, 3, 18)), read[1].StartNs);
    }

    [Fact]
    public async Task MakeAsync_ParquetEventsToParquetManifest_KeepsNanoseconds()
    {
        // Given a Parquet events file with a TIMESTAMP(NANOS) column
        using var dir = new TempDirectory();
        var events = dir.Combine("events.parquet");
        var schema = new ParquetSchema([ColumnSpec.String("ticker"), ColumnSpec.Timestamp("timestamp", TimeUnit.Nanos)]);
        var t = NewYorkTime.ToUnixNanoseconds(new LocalDateTime(2024, 3, 15, 10, 0)) + 123;
        var batch = new ColumnBatch(schema);
        batch.StringColumn(0).Append("ABC");
        batch.Int64Column(1).Append(t);
        await using (var w = ParquetFileWriter.CreateFile(events, schema))
        {
            await w.WriteAsync(batch);
            await w.CompleteAsync();
        }

        var output = dir.Combine("manifest.parquet");

        // When
        await ManifestMaker.MakeAsync(events, output, new ManifestOptions { Before = Duration.FromMinutes(1), After = Duration.FromMinutes(2) }, default);
        var read = ManifestFile.Read(output);

        // Then
        var window = Assert.Single(read);
        Assert.Equal(t - 60_000_000_000L, window.StartNs);
        Assert.Equal(t + 120_000_000_000L, window.EndNs);
        Assert.Equal(new LocalDate(2024, 3, 15), window.SessionDate);
    }

    [Fact]
    public async Task MakeAsync_ParquetEventsWithBadTicker_RowNumberedError()
    {
        // Given
        using var dir = new TempDirectory();
        var events = dir.Combine("events.parquet");
        var schema = new ParquetSchema([ColumnSpec.String("ticker"), ColumnSpec.String("timestamp")]);
        var batch = new ColumnBatch(schema);
        batch.StringColumn(0).Append("ABC");
        batch.StringColumn(1).Append("2024-03-15T10:00:00Z");
        batch.StringColumn(0).Append("A B");
        batch.StringColumn(1).Append("2024-03-15T10:00:00Z");
        await using (var w = ParquetFileWriter.CreateFile(events, schema))
        {
            await w.WriteAsync(batch);
            await w.CompleteAsync();
        }

        // When
        var ex = await Assert.ThrowsAsync<InputException>(() => ManifestMaker.MakeAsync(events, dir.Combine("m.csv"), new ManifestOptions(), default));

        // Then
        Assert.Contains("row 2: ticker \"A B\"", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("m.csv")));
    }

    [Fact]
    public async Task Read_ManifestWithWindowOutsideSession_LineNumberedError()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("m.csv");
        var day = new LocalDate(2024, 3, 15);
        await File.WriteAllTextAsync(path, $"ticker,session_date,start_ns,end_ns\nABC,2024-03-15,{SessionHours.OpenNs(day)},{SessionHours.CloseNs(day) + 1}\n");

        // When
        var ex = Assert.Throws<InputException>(() => ManifestFile.Read(path));

        // Then
        Assert.Contains(":2: window", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ManifestWithTickersDifferingOnlyInCase_ErrorNamingBoth()
    {
        // Given: a manifest written by hand, not by the manifest verb
        using var dir = new TempDirectory();
        var path = dir.Combine("m.csv");
        var day = new LocalDate(2024, 3, 15);
        var window = $"2024-03-15,{SessionHours.OpenNs(day)},{SessionHours.CloseNs(day)}";
        await File.WriteAllTextAsync(path, $"ticker,session_date,start_ns,end_ns\nABCp,{window}\nXYZ,{window}\nABCP,{window}\n");

        // When
        var ex = Assert.Throws<InputException>(() => ManifestFile.Read(path));

        // Then
        Assert.Equal($"{path}:4: ticker \"ABCP\" differs only in case from \"ABCp\" on line 2; Windows and macOS would give both one folder", ex.Message);
    }
}
