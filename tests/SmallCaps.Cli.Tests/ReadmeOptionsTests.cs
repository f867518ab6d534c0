using System.CommandLine;
using System.Text.RegularExpressions;
using SmallCaps.Cli.Commands;
using SmallCaps.Cli.Ingest;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests;

/// <summary>The README is the tool's manual: every option a user can type appears in it.</summary>
public sealed class ReadmeOptionsTests
{
    [Fact]
    public void EveryOptionOfEveryVisibleVerb_IsNamedInTheReadme()
    {
        // Given
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var root = CliApp.Root(new CliContext(new CliConsole(TextWriter.Null, TextWriter.Null, Interactive: false), TimeProvider.System, null, "smallcaps"));

        // When
        var options = Verbs(root, string.Empty).SelectMany(v => v.Command.Options.Where(o => !o.Hidden).Select(o => (v.Path, o.Name))).ToList();
        var missing = options.Where(o => o.Name != "--help" && !Regex.IsMatch(readme, $@"(?<![\w-]){Regex.Escape(o.Name)}(?![\w-])")).ToList();

        // Then: the walk reached the nested verbs, and nothing is left out
        Assert.Contains(options, o => o is { Path: "backup create", Name: "--dest" });
        Assert.Contains(options, o => o is { Path: "sim export", Name: "--ticker" });
        Assert.True(missing.Count == 0, "not in README: " + string.Join(", ", missing.Select(o => $"{o.Path} {o.Name}")));
    }

    private static IEnumerable<(string Path, Command Command)> Verbs(Command command, string path)
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            var subPath = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
            yield return (subPath, sub);
            foreach (var nested in Verbs(sub, subPath))
            {
                yield return nested;
            }
        }
    }
}
