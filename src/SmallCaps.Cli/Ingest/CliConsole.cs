namespace SmallCaps.Cli.Ingest;

/// <summary>Where a verb writes: stdout, stderr, and whether stdout is a live terminal.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>The process console.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected);
}
