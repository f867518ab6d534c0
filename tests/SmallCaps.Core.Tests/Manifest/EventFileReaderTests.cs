using SmallCaps.Core.Input;
using SmallCaps.Core.Manifest;
using SmallCaps.Parquet;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Manifest;

public sealed class EventFileReaderTests
{
    [Fact]
    public async Task Read_FourBadRows_EachReportedOnItsOwnLine()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("e.csv");
        await File.WriteAllTextAsync(path, "ticker,timestamp\nABC,notatime\nal,2024-03-15T10:00:00Z\nABC,2024-03-15T10:00:00Z\nABC,2024-13-01\n,2024-03-15T10:00:00Z\n");

        // When
        var ex = Assert.Throws<InputException>(() => EventFileReader.Read(path, new ManifestOptions()));

        // Then
        var lines = ex.Message.Split("\nerror: ");
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{path}:2: time \"notatime\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:3: ticker \"al\" is lower case", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:5: time \"2024-13-01\"", lines[2], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:6: ticker \"\" is empty", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_MoreBadRowsThanShown_ListsTheFirstThenCountsTheRest()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("e.csv");
        await File.WriteAllTextAsync(path, "ticker,timestamp\n" + string.Concat(Enumerable.Repeat("ABC,soon\n", RowProblems.Shown + 5)));

        // When
        var ex = Assert.Throws<InputException>(() => EventFileReader.Read(path, new ManifestOptions()));

        // Then
        var lines = ex.Message.Split("\nerror: ");
        Assert.Equal(RowProblems.Shown + 1, lines.Length);
        Assert.Equal("... and 5 more bad rows", lines[^1]);
    }

    [Fact]
    public async Task Read_UnterminatedQuote_ReportedAtTheLineItOpens()
    {
        // Given: a two-line file whose second line opens a quote that never closes
        using var dir = new TempDirectory();
        var path = dir.Combine("e.csv");
        await File.WriteAllTextAsync(path, "ticker,timestamp\nABC,\"2024-03-15T10:00:00Z\n");

        // When
        var ex = Assert.Throws<InputException>(() => EventFileReader.Read(path, new ManifestOptions()));

        // Then
        Assert.Equal($"{path}:2: {UserCsv.UnterminatedQuoteProblem}", ex.Message);
    }

    [Fact]
    public async Task Read_QuotedCellOverTwoLines_LaterRowsKeepTheirLineNumbers()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("e.csv");
        await File.WriteAllTextAsync(path, "ticker,timestamp,note\nABC,2024-03-15T10:00:00Z,\"two\nlines\"\nXYZ,soon,\n");

        // When
        var ex = Assert.Throws<InputException>(() => EventFileReader.Read(path, new ManifestOptions()));

        // Then
        Assert.StartsWith($"{path}:4: time \"soon\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(int.MaxValue, "DATE 2147483647 (days since 1970-01-01) is not a calendar date")]
    [InlineData(int.MinValue, "is not a calendar date")]
    [InlineData(2_900_000, "is not between 1990 and 2100")]
    public async Task Read_ParquetDateOutOfRange_ErrorNamesRowAndColumn(int days, string expected)
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("e.parquet");
        var schema = new ParquetSchema([ColumnSpec.String("ticker"), new ColumnSpec("date", ColumnType.Date)]);
        var batch = new ColumnBatch(schema);
        batch.StringColumn(0).Append("ABC");
        batch.Int32Column(1).Append(19_797);
        batch.StringColumn(0).Append("XYZ");
        batch.Int32Column(1).Append(days);
        await using (var w = ParquetFileWriter.CreateFile(path, schema))
        {
            await w.WriteAsync(batch);
            await w.CompleteAsync();
        }

        // When
        var ex = Assert.Throws<InputException>(() => EventFileReader.Read(path, new ManifestOptions()));

        // Then
        Assert.StartsWith($"{path}: row 2: column 'date' DATE", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ParquetMillisTimestampThatOverflowsNanoseconds_RowError()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("e.parquet");
        var schema = new ParquetSchema([ColumnSpec.String("ticker"), ColumnSpec.Timestamp("timestamp", TimeUnit.Millis)]);
        var batch = new ColumnBatch(schema);
        batch.StringColumn(0).Append("ABC");
        batch.Int64Column(1).Append(long.MaxValue / 10);
        await using (var w = ParquetFileWriter.CreateFile(path, schema))
        {
            await w.WriteAsync(batch);
            await w.CompleteAsync();
        }

        // When
        var ex = Assert.Throws<InputException>(() => EventFileReader.Read(path, new ManifestOptions()));

        // Then
        Assert.StartsWith($"{path}: row 1: column 'timestamp' timestamp", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Folder_SaysItIsAFolder()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var ex = Assert.Throws<InputException>(() => EventFileReader.Read(dir.Path, new ManifestOptions()));

        // Then
        Assert.Equal($"{dir.Path}: events file is a folder, not a file", ex.Message);
    }

    [Fact]
    public void Read_UnreadableFile_InputError()
    {
        // Given
        using var dir = new TempDirectory();
        using var unreadable = new UnreadableFile(dir.Combine("e.csv"));

        // When
        var ex = Assert.Throws<InputException>(() => EventFileReader.Read(unreadable.Path, new ManifestOptions()));

        // Then
        Assert.StartsWith($"{unreadable.Path}: cannot read", ex.Message, StringComparison.Ordinal);
    }
}
