using System.Globalization;

namespace SmallCaps.Core.Verify;

/// <summary>The console form of a report: a summary table per check, then the findings.</summary>
public static class VerifyTextReport
{
    /// <summary>Writes the summary and up to <paramref name="maxFindings"/> findings.</summary>
    public static void Write(VerifyReport report, TextWriter output, int maxFindings = 50)
    {
        var t = report.Totals;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verify {report.Outdir}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checked {t.Tasks} ledger tasks, {t.Files} files ({t.Bytes:N0} bytes hashed), {t.Rows:N0} bars, {t.Tickers} tickers; reference: {t.ReferenceSpans} listing spans, {t.Splits} splits, {t.TickersWithEvents} tickers in ticker events"));
        if (t.IngestRunning)
        {
            output.WriteLine("an ingest is running on this outdir: its temp files and running tasks are not findings");
        }

        output.WriteLine();
        var counts = report.CountsByKind();
        output.WriteLine($"{"check",-24} {"findings",8}");
        output.WriteLine(new string('-', 33));
        foreach (var kind in Enum.GetValues<FindingKind>())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind.ToName(),-24} {counts.GetValueOrDefault(kind),8}"));
        }

        output.WriteLine();
        foreach (var f in report.Findings.Take(maxFindings))
        {
            output.WriteLine($"{f.Kind.ToName()}  {Where(f)}: {f.Detail}");
        }

        if (report.Findings.Count > maxFindings)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"... {report.Findings.Count - maxFindings} more findings (use --json or --html)"));
        }

        output.WriteLine(report.IsClean
            ? "clean: no findings"
            : string.Create(CultureInfo.InvariantCulture, $"{report.Findings.Count} findings"));
    }

    /// <summary>The file, else dataset/ticker, a finding is about.</summary>
    public static string Where(Finding f) =>
        f.Path ?? string.Join('/', new[] { f.Dataset, f.Ticker is null ? null : "ticker=" + f.Ticker }.Where(s => s is not null)) switch
        {
            "" => "(lake)",
            var s => s,
        };
}
