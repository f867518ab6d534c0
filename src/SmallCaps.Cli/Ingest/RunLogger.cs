using System.Globalization;
using Serilog;
using Serilog.Events;
using SmallCaps.Core.Lake;

namespace SmallCaps.Cli.Ingest;

/// <summary>Serilog for one run: everything to <c>&lt;outdir&gt;/_logs/</c>, warnings and errors to stderr.</summary>
internal static class RunLogger
{
    /// <summary>A run log in the outdir (null outdir: stderr warnings only, for verbs that may write no lake).</summary>
    /// <param name="outdir">The lake; null writes no file.</param>
    /// <param name="name">The file's name prefix (dataset or verb).</param>
    /// <param name="clock">Stamps the file name.</param>
    /// <param name="consoleWarnings">Warnings and errors to stderr as well.</param>
    /// <param name="openOnFirstEvent">Create the folder and file only when something is logged.</param>
    public static Serilog.Core.Logger Create(string? outdir, string name, TimeProvider clock, bool consoleWarnings, bool openOnFirstEvent = false) =>
        Create(outdir, name, clock, consoleWarnings, openOnFirstEvent, out _);

    /// <summary>A run log in the outdir, saying whether its file exists yet.</summary>
    /// <param name="outdir">The lake; null writes no file.</param>
    /// <param name="name">The file's name prefix (dataset or verb).</param>
    /// <param name="clock">Stamps the file name.</param>
    /// <param name="consoleWarnings">Warnings and errors to stderr as well.</param>
    /// <param name="openOnFirstEvent">Create the folder and file only when something is logged.</param>
    /// <param name="fileOpened">True once the file exists: at once, on the first event, or never without an outdir.</param>
    public static Serilog.Core.Logger Create(string? outdir, string name, TimeProvider clock, bool consoleWarnings, bool openOnFirstEvent, out Func<bool> fileOpened)
    {
        fileOpened = () => false;
        var config = new LoggerConfiguration().MinimumLevel.Debug();
        if (outdir is not null)
        {
            var started = clock.GetUtcNow();
            Serilog.Core.Logger OpenFile()
            {
                var folder = Path.Combine(outdir, LakeLayout.LogsFolder);
                Directory.CreateDirectory(folder);
                LogRetention.Prune(folder, name, LogRetention.Kept - 1);
                return new LoggerConfiguration().MinimumLevel.Debug().WriteTo.File(
                    RunLogName.Reserve(folder, name, started),
                    restrictedToMinimumLevel: LogEventLevel.Information,
                    formatProvider: CultureInfo.InvariantCulture,
                    outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}").CreateLogger();
            }

            if (openOnFirstEvent)
            {
                var file = new LazyFileSink(OpenFile);
                fileOpened = () => file.IsOpen;
                config = config.WriteTo.Sink(file);
            }
            else
            {
                fileOpened = () => true;
                config = config.WriteTo.Logger(OpenFile());
            }
        }

        if (consoleWarnings)
        {
            config = config.WriteTo.Console(
                restrictedToMinimumLevel: LogEventLevel.Warning,
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: CultureInfo.InvariantCulture,
                outputTemplate: "{Level:w}: {Message:lj}{NewLine}");
        }

        return config.CreateLogger();
    }

    /// <summary>
    /// Ends the log of a run stopped by <paramref name="ex"/> (refused, interrupted, crashed) with the line and the
    /// exit code the console gets, so a scheduled run's log says why it stopped.
    /// </summary>
    /// <param name="log">The run's log.</param>
    /// <param name="ex">What stopped the run; CliApp maps it to the exit code.</param>
    public static void Stopped(Serilog.ILogger log, Exception ex)
    {
        using var line = new StringWriter(CultureInfo.InvariantCulture);
        var code = IngestCommandHandler.ExitCodeFor(ex, line);

        // Information, not Error: CliApp prints the line to stderr itself, the console sink would print it twice.
        log.Information("{Line}", line.ToString().TrimEnd());
        log.Information("exit code {ExitCode}", code);
    }
}
