using SmallCaps.Cli.Ingest;

namespace SmallCaps.Cli;

/// <summary>Entry point of the smallcaps dotnet tool.</summary>
public static class Program
{
    /// <summary>Runs the tool and returns its exit code (0, 1, 2, 3, 4 or 130; see the README).</summary>
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, CliConsole.System(), TimeProvider.System);
}
