using System.Diagnostics;
using System.Reflection;

namespace SmallCaps.Core.Runs;

/// <summary>
/// How to start this same tool again: the native apphost (<c>smallcaps.exe</c>, <c>smallcaps</c>) or,
/// when running as <c>dotnet smallcaps.dll</c>, <c>dotnet</c> with the entry assembly's path first.
/// </summary>
/// <param name="FileName">Executable to start.</param>
/// <param name="PrefixArguments">Arguments before the verb (the assembly path under <c>dotnet</c>).</param>
internal sealed record ToolCommand(string FileName, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>Assembly name of the tool.</summary>
    public const string ToolAssembly = "smallcaps";

    /// <summary>The command that re-executes the current process's tool.</summary>
    public static ToolCommand Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the path of the running tool");

        // Hosted elsewhere (a test host, a script host) there is no tool to start again.
        if (Assembly.GetEntryAssembly()?.GetName().Name is not ToolAssembly)
        {
            throw new InvalidOperationException($"background runs need the {ToolAssembly} tool itself (running inside {Path.GetFileName(process)})");
        }

        var name = Path.GetFileNameWithoutExtension(process);
        if (string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry))
            {
                throw new InvalidOperationException("running under dotnet but the entry assembly has no path");
            }

            return new ToolCommand(process, [entry]);
        }

        return new ToolCommand(process, []);
    }

    /// <summary>A start info for <paramref name="arguments"/>, detached from the console (see <see cref="DetachedProcess"/>).</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo(FileName);
        foreach (var a in PrefixArguments.Concat(arguments))
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }
}
