using SmallCaps.Cli.Ingest;

namespace SmallCaps.Cli.Commands;

/// <summary>What every verb shares: console, clock, environment and the redacted command line.</summary>
internal sealed record CliContext(CliConsole Console, TimeProvider Clock, IReadOnlyDictionary<string, string?>? Environment, string CommandLine);
