namespace SmallCaps.Simulator;

/// <summary>One command-line option of <c>smallcaps sim</c>, for the CLI to mount and for --help.</summary>
/// <param name="Name">The option name with its dashes, e.g. <c>--seed</c>.</param>
/// <param name="ValueName">Placeholder of the value in help, e.g. <c>N</c>.</param>
/// <param name="Description">One-line description.</param>
/// <param name="DefaultValue">The default, as text.</param>
/// <param name="Repeatable">True when the option may be given several times.</param>
public sealed record SimulatorOptionInfo(string Name, string ValueName, string Description, string DefaultValue, bool Repeatable = false);
