using System.Text.RegularExpressions;
using SmallCaps.Cli.Tests.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Backup;

public sealed partial class BackupInputErrorTests
{
    // {root}: an empty work folder holding "src" (an empty folder) and "f" (a file).
    public static TheoryData<string[], string> BadOptions => new()
    {
        { ["create", "--source", "{root}/src", "--dest", "{root}/f"], "error: --dest {root}/f is a file, not a folder" },
        { ["create", "--source", "{root}/src", "--dest", "{root}/f/bk"], "error: --dest {root}/f/bk: {root}/f is a file, not a folder" },
        { ["create", "--source", "{root}/src", "--dest", ""], "error: --dest is empty; give a folder" },
        { ["create", "--source", "", "--dest", "{root}/bk"], "error: --source is empty; give a folder" },
        { ["create", "--source", "{root}/src", "--dest", "{root}/bk", "--label", new string('x', 300)], "error: --label is 300 characters long; at most 64 (it becomes part of the snapshot folder's name)" },
        { ["create", "--source", "{root}/src", "--dest", "{root}/bk", "--label", "a/b"], "error: --label holds '/'; use letters, digits, '.', '_' and '-' (a space becomes '-')" },
        { ["restore", "--snapshot", "{root}/src", "--to", "{root}/f"], "error: --to {root}/f is a file, not a folder" },
        { ["restore", "--snapshot", "{root}/src", "--to", ""], "error: --to is empty; give a folder" },
        { ["restore", "--snapshot", "", "--to", "{root}/out"], "error: --snapshot is empty; give a snapshot folder (<dest>/snapshots/<name>)" },
        { ["verify", "--snapshot", ""], "error: --snapshot is empty; give a snapshot folder (<dest>/snapshots/<name>)" },
        { ["prune", "--dest", "{root}/f", "--keep", "1"], "error: --dest {root}/f is a file, not a folder" },
    };

    [Fact]
    public async Task BackupCreate_DestWhereWritingIsDenied_OneLineNamingDestExitTwo()
    {
        // Given
        using var root = new TempDirectory("smallcaps-cli-backup-denied");
        Directory.CreateDirectory(root.Combine("src"));
        await File.WriteAllTextAsync(Path.Combine(root.Combine("src"), "a.txt"), "x");
        var dest = Path.Combine(new UnwritableFolder(root.Combine("ro")).Path, "bk");

        // When
        var result = await VerifyCliLake.RunAsync("backup", "create", "--source", root.Combine("src"), "--dest", dest);

        // Then
        Assert.Equal(2, result.Code);
        Assert.StartsWith($"error: --dest {dest}: permission denied (", Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dest));
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Backup_BadFolderOrLabel_OneLineNamingTheOptionExitTwoNothingWritten(string[] args, string expected)
    {
        // Given
        using var root = new TempDirectory("smallcaps-cli-backup-args");
        Directory.CreateDirectory(root.Combine("src"));
        await File.WriteAllTextAsync(root.Combine("f"), "not a folder");
        string Fill(string text) => RootPath().Replace(text, m => root.Path + m.Groups[1].Value.Replace('/', Path.DirectorySeparatorChar));

        // When
        var result = await VerifyCliLake.RunAsync(["backup", .. args.Select(Fill)]);

        // Then
        Assert.Equal(2, result.Code);
        Assert.Equal(Fill(expected), result.Err.TrimEnd());
        Assert.Equal(["f", "src"], Directory.EnumerateFileSystemEntries(root.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Combine("src")));
    }

    // "{root}/f/bk": the work folder, then path segments in this platform's separator.
    [GeneratedRegex(@"\{root\}((?:/[a-z]+)*)")]
    private static partial Regex RootPath();
}
