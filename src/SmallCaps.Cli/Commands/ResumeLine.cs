using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Runs;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// What <c>stop</c> prints to resume a run from any folder. Records of this version hold the line; older ones hold
/// only the command line as typed (relative paths, quoted with <c>"</c> around spaces), so the line is rebuilt from it
/// with the record's absolute <c>--outdir</c>, <c>--tickers-csv</c> and <c>--manifest</c>, the only path options of the
/// ingest verbs. When that cannot be done with certainty the line says it only works from the folder of the launch.
/// </summary>
internal static class ResumeLine
{
    private static readonly string[] PathOptions = ["--outdir", "--tickers-csv", "--manifest"];

    /// <summary>The whole line, starting <c>resume with: </c> when it can be pasted from any folder.</summary>
    public static string For(RunRecord run, RunPaths paths)
    {
        if (run.ResumeCommandLine is { } line)
        {
            return $"resume with: {line}";
        }

        var tail = $" --workdir {CommandLineText.ForShell(paths.Workdir)}{(run.Supervised ? " --supervise" : string.Empty)}";
        return Absolute(run) is { } tokens
            ? $"resume with: smallcaps launch {string.Join(' ', tokens.Select(CommandLineText.ForShell))}{tail}"
            : $"resume from the folder the run was launched in (its older run record keeps the paths as typed): smallcaps launch {run.CommandLine["smallcaps ".Length..]}{tail}";
    }

    // The recorded ingest arguments with every path option absolute and the key left out; null when not certain.
    private static List<string>? Absolute(RunRecord run)
    {
        if (Tokens(run.CommandLine) is not [_, .. var args])
        {
            return null;
        }

        var result = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            var separator = a.IndexOfAny(['=', ':']);
            var name = separator > 0 ? a[..separator] : a;
            if (CommandLineText.IsKeyOption(name))
            {
                // The key comes from the environment or .env as when launched; *** would be taken as the key.
                i += separator > 0 ? 0 : 1;
                continue;
            }

            if (!PathOptions.Contains(name, StringComparer.Ordinal))
            {
                result.Add(a);
                continue;
            }

            if (FullPath(run, name) is not { } full || (separator < 0 && i + 1 >= args.Count))
            {
                return null;
            }

            result.Add(separator > 0 ? $"{name}{a[separator]}{full}" : name);
            if (separator < 0)
            {
                result.Add(full);
                i++;
            }
        }

        return result;
    }

    private static string? FullPath(RunRecord run, string option)
    {
        var full = option switch
        {
            "--outdir" => run.Outdir,
            "--tickers-csv" => run.TickersCsv,
            _ => run.Manifest,
        };
        return full is not null && Path.IsPathFullyQualified(full) ? full : null;
    }

    // The arguments of a recorded command line (each in " when it holds a space); null when the text is not exactly that.
    private static List<string>? Tokens(string commandLine)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < commandLine.Length)
        {
            int end;
            if (commandLine[i] == '"')
            {
                end = commandLine.IndexOf("\" ", i + 1, StringComparison.Ordinal) is var q and >= 0 ? q : commandLine.Length - 1;
                tokens.Add(commandLine[(i + 1)..end]);
                end++;
            }
            else
            {
                end = commandLine.IndexOf(' ', i) is var s and >= 0 ? s : commandLine.Length;
                tokens.Add(commandLine[i..end]);
            }

            i = end + 1;
        }

        // Written back the way the record was written, it must be the same text, or the split guessed wrong.
        return tokens.Count > 0 && string.Join(' ', tokens.Select(CommandLineText.Quote)) == commandLine && tokens[0] == "smallcaps" ? tokens : null;
    }
}
