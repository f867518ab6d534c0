using SmallCaps.Cli.Ingest;

namespace SmallCaps.Cli.Commands;

/// <summary>What every verb shares: console, clock, environment and the redacted command line.</summary>
internal sealed record CliContext(CliConsole Console, TimeProvider Clock, IReadOnlyDictionary<string, string?>? Environment, string CommandLine)
{
    /// <summary>The command line with every key hidden; set again once the parse has found what the key is.</summary>
    public string CommandLine { get; set; } = CommandLine;
}
