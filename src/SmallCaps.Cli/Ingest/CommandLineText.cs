namespace SmallCaps.Cli.Ingest;

/// <summary>The command line as the ledger and logs record it: the key value replaced by ***.</summary>
internal static class CommandLineText
{
    public static string Redacted(IReadOnlyList<string> args)
    {
        var parts = new List<string>(args.Count + 1) { "smallcaps" };
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a.StartsWith("--api-key=", StringComparison.Ordinal))
            {
                parts.Add("--api-key=***");
            }
            else if (a == "--api-key")
            {
                parts.Add(a);
                if (i + 1 < args.Count)
                {
                    parts.Add("***");
                    i++;
                }
            }
            else
            {
                parts.Add(Quote(a));
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary>An argument as a shell takes it back: in double quotes when it holds a space (bash and PowerShell alike).</summary>
    public static string Quote(string argument) => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;
}
