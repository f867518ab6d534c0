using System.Diagnostics;
using System.Text;

namespace SmallCaps.TestSupport;

/// <summary>
/// Runs Node scripts from tests/oracle (DuckDB, polars, the vendor JS client). Installs the npm packages
/// with `npm install --no-save` (exact pins) on first use; fails loudly, never skips, when node or npm is missing.
/// </summary>
public static class NodeOracle
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    /// <summary>Ensures node_modules exists in tests/oracle (installs once per process if needed).</summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_installed)
            {
                return;
            }

            var marker = Path.Combine(RepoPaths.OracleDir, "node_modules", "@duckdb", "node-api", "package.json");
            var client = Path.Combine(RepoPaths.OracleDir, "node_modules", "@massive.com", "client-js", "package.json");
            var hyparquet = Path.Combine(RepoPaths.OracleDir, "node_modules", "hyparquet", "package.json");
            var wasm = Path.Combine(RepoPaths.OracleDir, "node_modules", "parquet-wasm", "package.json");
            var compressors = Path.Combine(RepoPaths.OracleDir, "node_modules", "hyparquet-compressors", "package.json");
            var polars = Path.Combine(RepoPaths.OracleDir, "node_modules", "nodejs-polars", "package.json");
            if (!File.Exists(marker) || !File.Exists(client) || !File.Exists(hyparquet) || !File.Exists(wasm) || !File.Exists(compressors) || !File.Exists(polars))
            {
                var (code, stdout, stderr) = await RunProcessAsync("npm", ["install", "--no-save", "--no-audit", "--no-fund"], RepoPaths.OracleDir, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
                if (code != 0)
                {
                    throw new InvalidOperationException($"npm install in {RepoPaths.OracleDir} failed ({code}): {stderr}{stdout}");
                }
            }

            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs `node script args...` in tests/oracle and returns stdout; throws with stderr on a non-zero exit.</summary>
    public static async Task<string> RunScriptAsync(string scriptFileName, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        var script = Path.Combine(RepoPaths.OracleDir, scriptFileName);
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"Oracle script {script} is missing.");
        }

        var (code, stdout, stderr) = await RunProcessAsync("node", [script, .. args], RepoPaths.OracleDir, timeout ?? TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"node {scriptFileName} exited {code}: {stderr}");
        }

        return stdout;
    }

    /// <summary>Runs a process with a timeout, capturing both streams.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(string fileName, IReadOnlyList<string> args, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderrTask = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdoutTask.ConfigureAwait(false), await stderrTask.ConfigureAwait(false));
    }
}
