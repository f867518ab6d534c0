using NodaTime;
using SmallCaps.Core.Input;
using SmallCaps.Core.Manifest;
using SmallCaps.Parquet;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Manifest;

public sealed class ManifestFileTests
{
    private static readonly LocalDate Day = new(2024, 3, 15);

    private static string Window => $"2024-03-15,{SessionHours.OpenNs(Day)},{SessionHours.CloseNs(Day)}";

    [Fact]
    public async Task Read_CsvWithSeveralBadRows_ReportsEveryOne()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("m.csv");
        await File.WriteAllTextAsync(path, $"ticker,session_date,start_ns,end_ns\nabc,{Window}\nABC,{Window}\nXYZ,2024-3-15,1,2\nQQQ,2024-03-15,x,2\n");

        // When
        var ex = Assert.Throws<InputException>(() => ManifestFile.Read(path));

        // Then
        var lines = ex.Message.Split("\nerror: ");
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{path}:2: ticker \"abc\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:4: session_date \"2024-3-15\"", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:5: start_ns \"x\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_CsvRowOfOnlyCommas_Skipped()
    {
        // Given: Excel writes a cleared row as commas
        using var dir = new TempDirectory();
        var path = dir.Combine("m.csv");
        await File.WriteAllTextAsync(path, $"ticker,session_date,start_ns,end_ns,events\nABC,{Window},1\n,,,,\nXYZ,{Window},1\n");

        // When
        var windows = ManifestFile.Read(path);

        // Then
        Assert.Equal(["ABC", "XYZ"], windows.Select(w => w.Ticker));
    }

    [Fact]
    public async Task Read_CsvUnterminatedQuote_ReportedAtTheLineItOpens()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("m.csv");
        await File.WriteAllTextAsync(path, $"ticker,session_date,start_ns,end_ns\n\"ABC,{Window}\n");

        // When
        var ex = Assert.Throws<InputException>(() => ManifestFile.Read(path));

        // Then
        Assert.Equal($"{path}:2: {UserCsv.UnterminatedQuoteProblem}", ex.Message);
    }

    [Fact]
    public async Task Read_CsvSessionDateFarInTheFuture_RowError()
    {
        // Given: 04:00 New York on 9999-12-31 does not fit Unix nanoseconds
        using var dir = new TempDirectory();
        var path = dir.Combine("m.csv");
        await File.WriteAllTextAsync(path, "ticker,session_date,start_ns,end_ns\nABC,9999-12-31,1,2\n");

        // When
        var ex = Assert.Throws<InputException>(() => ManifestFile.Read(path));

        // Then
        Assert.Equal($"{path}:2: session_date 9999-12-31 is not between 1990 and 2100", ex.Message);
    }

    [Theory]
    [InlineData(int.MaxValue, "session_date 2147483647 (days since 1970-01-01) is not a calendar date")]
    [InlineData(-1_000_000, "session_date -1000000 (days since 1970-01-01) is not a calendar date")]
    [InlineData(2_900_000, "is not between 1990 and 2100")]
    public async Task Read_ParquetSessionDateOutOfRange_RowAndColumnNamed(int days, string expected)
    {
        // Given: a tool-written manifest whose session_date was patched
        using var dir = new TempDirectory();
        var path = dir.Combine("m.parquet");
        var schema = new ParquetSchema([ColumnSpec.String("ticker"), new ColumnSpec("session_date", ColumnType.Date), new ColumnSpec("start_ns", ColumnType.Int64), new ColumnSpec("end_ns", ColumnType.Int64)]);
        var batch = new ColumnBatch(schema);
        batch.StringColumn(0).Append("ABC");
        batch.Int32Column(1).Append(days);
        batch.Int64Column(2).Append(SessionHours.OpenNs(Day));
        batch.Int64Column(3).Append(SessionHours.CloseNs(Day));
        await using (var w = ParquetFileWriter.CreateFile(path, schema))
        {
            await w.WriteAsync(batch);
            await w.CompleteAsync();
        }

        // When
        var ex = Assert.Throws<InputException>(() => ManifestFile.Read(path));

        // Then
        Assert.StartsWith($"{path}: row 1: session_date", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TimeUnit.Millis, 1_000_000L)]
    [InlineData(TimeUnit.Micros, 1_000L)]
    [InlineData(TimeUnit.Nanos, 1L)]
    public async Task Read_ParquetTimestampWindows_ReadByTheirUnit(TimeUnit unit, long nanosPerUnit)
    {
        // Given a manifest written elsewhere (polars' default is microseconds) with a 10:00-10:30 window
        using var dir = new TempDirectory();
        var start = SessionHours.OpenNs(Day) + (6 * 3600_000_000_000L);
        var end = start + (1800 * 1_000_000_000L);
        var path = await WriteTimestampManifest(dir.Combine("m.parquet"), unit, start / nanosPerUnit, end / nanosPerUnit);

        // When
        var window = Assert.Single(ManifestFile.Read(path));

        // Then
        Assert.Equal((Day, start, end), (window.SessionDate, window.StartNs, window.EndNs));
    }

    [Fact]
    public async Task Read_ParquetMillisWindowOverflowingNanoseconds_RowAndColumnNamed()
    {
        // Given
        using var dir = new TempDirectory();
        var path = await WriteTimestampManifest(dir.Combine("m.parquet"), TimeUnit.Millis, long.MaxValue / 10, long.MaxValue / 5);

        // When
        var ex = Assert.Throws<InputException>(() => ManifestFile.Read(path));

        // Then
        Assert.StartsWith($"{path}: row 1: start_ns {long.MaxValue / 10} (milliseconds) is out of range in nanoseconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Folder_SaysItIsAFolder()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var ex = Assert.Throws<InputException>(() => ManifestFile.Read(dir.Path));

        // Then
        Assert.Equal($"{dir.Path}: manifest is a folder, not a file", ex.Message);
    }

    [Fact]
    public void Read_UnreadableFile_InputError()
    {
        // Given
        using var dir = new TempDirectory();
        using var unreadable = new UnreadableFile(dir.Combine("m.csv"));

        // When
        var ex = Assert.Throws<InputException>(() => ManifestFile.Read(unreadable.Path));

        // Then
        Assert.StartsWith($"{unreadable.Path}: cannot read", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<string> WriteTimestampManifest(string path, TimeUnit unit, long start, long end)
    {
        var schema = new ParquetSchema([ColumnSpec.String("ticker"), new ColumnSpec("session_date", ColumnType.Date), ColumnSpec.Timestamp("start_ns", unit), ColumnSpec.Timestamp("end_ns", unit)]);
        var batch = new ColumnBatch(schema);
        batch.StringColumn(0).Append("ABC");
        batch.Int32Column(1).Append(ManifestDates.ToEpochDays(Day));
        batch.Int64Column(2).Append(start);
        batch.Int64Column(3).Append(end);
        await using var w = ParquetFileWriter.CreateFile(path, schema);
        await w.WriteAsync(batch);
        await w.CompleteAsync();
        return path;
    }
}
