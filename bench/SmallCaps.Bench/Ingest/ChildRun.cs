using System.Diagnostics;
using System.Globalization;

namespace SmallCaps.Bench.Ingest;

/// <summary>
/// One measured child process: wall time, CPU seconds and peak RSS (VmHWM, polled from /proc while it
/// runs, so only this process counts), and the kernel's share of that CPU. Its standard output is kept for the caller to parse.
/// </summary>
internal sealed record ChildRun(string Label, int ExitCode, double WallSeconds, double CpuSeconds, double KernelSeconds, long PeakRssBytes, string Output)
{
    /// <summary>Starts <c>dotnet</c> with <paramref name="arguments"/> and measures it to the end.</summary>
    public static async Task<ChildRun> MeasureAsync(string label, IReadOnlyList<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var cpu = TimeSpan.Zero;
        var kernel = TimeSpan.Zero;
        while (!process.HasExited)
        {
            // VmHWM is the kernel's own high-water mark, so polling misses nothing but the last interval.
            peak = Math.Max(peak, ReadHighWaterMark(process.Id));
            try
            {
                process.Refresh();
                cpu = process.TotalProcessorTime;
                kernel = process.PrivilegedProcessorTime;
            }
            catch (InvalidOperationException)
            {
                break;
            }

            await Task.Delay(50);
        }

        await process.WaitForExitAsync();
        var wall = watch.Elapsed.TotalSeconds;
        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"{label}: exit {process.ExitCode}\n{Tail(output)}\n{Tail(errors)}");
        }

        // A child that reports its own figures at exit (bench children) is more exact than the last poll.
        var reportedCpu = Field(output, "cpu=");
        var reportedPeak = Field(output, "hwm=");
        return new ChildRun(
            label,
            process.ExitCode,
            wall,
            reportedCpu ?? cpu.TotalSeconds,
            kernel.TotalSeconds,
            reportedPeak is { } p ? Math.Max(peak, (long)p) : peak,
            output);
    }

    /// <summary>VmHWM of a live process in bytes, 0 when it is gone.</summary>
    public static long ReadHighWaterMark(int pid) => ReadStatusBytes(pid, "VmHWM:");

    /// <summary>Current resident set (VmRSS) of a process, in bytes; 0 when unreadable.</summary>
    public static long ReadResidentBytes(int pid) => ReadStatusBytes(pid, "VmRSS:");

    private static long ReadStatusBytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var kb = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>A <c>name=value</c> number from the last line of <paramref name="output"/> that has it.</summary>
    public static double? Field(string output, string name)
    {
        foreach (var line in output.Split('\n').Reverse())
        {
            var at = line.IndexOf(name, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var rest = line[(at + name.Length)..];
            var end = rest.IndexOf(' ', StringComparison.Ordinal);
            var text = (end < 0 ? rest : rest[..end]).Trim();
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return null;
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;
}
