using SmallCaps.Core.Input;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Input;

public sealed class OutputPathsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Folder_Empty_NamesTheOption(string? path)
    {
        var ex = Assert.Throws<InputException>(() => OutputPaths.Folder("--outdir", path));

        Assert.Equal("--outdir is empty", ex.Message);
    }

    [Fact]
    public void Folder_UnderAFile_NamesTheOptionAndTheFile()
    {
        // Given
        using var dir = new TempDirectory();
        var file = dir.Combine("f");
        File.WriteAllText(file, "x");

        // When
        var ex = Assert.Throws<InputException>(() => OutputPaths.Folder("--outdir", Path.Combine(file, "sub", "deeper")));

        // Then
        Assert.StartsWith("--outdir ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith($"{file} is a file, not a folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_IsAFile_NamesTheOption()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("f");
        File.WriteAllText(file, "x");

        var ex = Assert.Throws<InputException>(() => OutputPaths.Folder("--workdir", file));

        Assert.Equal($"--workdir {file} is a file, not a folder", ex.Message);
    }

    [Fact]
    public void Folder_NewOrExisting_ReturnsTheFullPathCreatingNothing()
    {
        using var dir = new TempDirectory();

        Assert.Equal(dir.Combine("a", "b"), OutputPaths.Folder("--outdir", dir.Combine("a", "b")));
        Assert.Equal(dir.Path, OutputPaths.Folder("--outdir", dir.Path));
        Assert.False(Directory.Exists(dir.Combine("a")));
    }

    [Theory]
    [InlineData("_logs")]
    [InlineData("_ledger")]
    public void Lake_ItsLogsOrLedgerFolderIsAFile_NamesIt(string folder)
    {
        // Given
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine(folder), "x");

        // When
        var ex = Assert.Throws<InputException>(() => OutputPaths.Lake("--outdir", dir.Path));

        // Then
        Assert.Equal($"--outdir {dir.Path}: {dir.Combine(folder)} is a file, where the lake keeps a folder", ex.Message);
    }

    [Fact]
    public void OutputFile_AFolderOrUnderAFileOrEmpty_NamesTheOption()
    {
        // Given
        using var dir = new TempDirectory();
        var file = dir.Combine("f");
        File.WriteAllText(file, "x");

        // When / Then
        Assert.Equal($"--out-csv {dir.Path} is a folder, not a file", Assert.Throws<InputException>(() => OutputPaths.OutputFile("--out-csv", dir.Path)).Message);
        Assert.EndsWith($"{file} is a file, not a folder", Assert.Throws<InputException>(() => OutputPaths.OutputFile("--out-csv", Path.Combine(file, "u.csv"))).Message, StringComparison.Ordinal);
        Assert.Equal("--out-parquet is empty", Assert.Throws<InputException>(() => OutputPaths.OutputFile("--out-parquet", "")).Message);
        Assert.Equal(file, OutputPaths.OutputFile("--out-csv", file));
    }

    [Fact]
    public void Distinct_TwoOptionsOneFile_NamesBoth()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("u.csv");

        var ex = Assert.Throws<InputException>(() => OutputPaths.Distinct(("--out-csv", path), ("--out-parquet", path)));

        Assert.Equal($"--out-csv and --out-parquet name the same file {path}; give each its own", ex.Message);
        OutputPaths.Distinct(("--out-csv", path), ("--out-parquet", null));
    }
}
