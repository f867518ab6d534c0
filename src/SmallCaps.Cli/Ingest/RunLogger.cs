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
    public static Serilog.Core.Logger Create(string? outdir, string name, TimeProvider clock, bool consoleWarnings, bool openOnFirstEvent = false)
    {
        var config = new LoggerConfiguration().MinimumLevel.Debug();
        if (outdir is not null)
        {
            var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            Serilog.Core.Logger OpenFile()
            {
                var folder = Path.Combine(outdir, LakeLayout.LogsFolder);
                Directory.CreateDirectory(folder);
                LogRetention.Prune(folder, name, LogRetention.Kept - 1);
                return new LoggerConfiguration().MinimumLevel.Debug().WriteTo.File(
                    Path.Combine(folder, $"{name}-{stamp}.log"),
                    restrictedToMinimumLevel: LogEventLevel.Information,
                    formatProvider: CultureInfo.InvariantCulture,
                    outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}").CreateLogger();
            }

            config = openOnFirstEvent ? config.WriteTo.Sink(new LazyFileSink(OpenFile)) : config.WriteTo.Logger(OpenFile());
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
}
