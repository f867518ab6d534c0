using System.Diagnostics;

namespace SmallCaps.Core.Runs;

/// <summary>
/// Starts a process that outlives the terminal that launched it, on Windows and Linux, in pure .NET:
/// no shell, no window (<c>CreateNoWindow</c>: on Windows it gets its own hidden console, so closing the
/// terminal's console does not reach it), and all three standard streams redirected to pipes that the
/// launcher closes at once, so it never writes to (or waits on) the terminal. The child writes its
/// own log file and ignores SIGHUP (see the detached host). .NET never kills children when the parent
/// exits. On Windows our own standard handles are made non-inheritable first, so a script capturing
/// launch's output is not held open by the background run. The API key travels only in the child's
/// environment, never on its command line.
/// </summary>
internal static class DetachedProcess
{
    /// <summary>Starts <paramref name="arguments"/> of <paramref name="tool"/> with extra environment variables.</summary>
    public static Process Start(ToolCommand tool, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var psi = tool.StartInfo(arguments);
        psi.UseShellExecute = false;
        psi.CreateNoWindow = true;
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        WindowsStdHandles.StopInheritance();
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool.FileName}");

        // The child logs to its own file; closing our pipe ends makes its console writes vanish instead of blocking.
        process.StandardInput.Close();
        process.StandardOutput.Close();
        process.StandardError.Close();
        return process;
    }
}
