using System.Text.Json;

namespace SmallCaps.Core.Verify;

/// <summary>The <c>--json</c> form of a report, for scripts. Field names are stable.</summary>
public static class VerifyJsonReport
{
    /// <summary>Writes the report as one JSON document.</summary>
    public static void Write(VerifyReport report, Stream output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("outdir", report.Outdir);
        w.WriteBoolean("clean", report.IsClean);
        w.WriteNumber("findingCount", report.Findings.Count);
        w.WriteStartObject("totals");
        w.WriteNumber("tasks", report.Totals.Tasks);
        w.WriteNumber("files", report.Totals.Files);
        w.WriteNumber("bytesHashed", report.Totals.Bytes);
        w.WriteNumber("rows", report.Totals.Rows);
        w.WriteNumber("tickers", report.Totals.Tickers);
        w.WriteNumber("referenceSpans", report.Totals.ReferenceSpans);
        w.WriteNumber("splits", report.Totals.Splits);
        w.WriteNumber("tickersWithEvents", report.Totals.TickersWithEvents);
        w.WriteBoolean("ingestRunning", report.Totals.IngestRunning);
        w.WriteEndObject();
        w.WriteStartObject("counts");
        foreach (var (kind, count) in report.CountsByKind())
        {
            w.WriteNumber(kind.ToName(), count);
        }

        w.WriteEndObject();
        w.WriteStartArray("findings");
        foreach (var f in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("kind", f.Kind.ToName());
            WriteOptional(w, "dataset", f.Dataset);
            WriteOptional(w, "ticker", f.Ticker);
            WriteOptional(w, "path", f.Path);
            WriteOptional(w, "date", f.Date is { } d ? CompletenessCheck.Iso(d) : null);
            w.WriteNumber("count", f.Count);
            w.WriteString("detail", f.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("coverage");
        foreach (var c in report.Coverage)
        {
            w.WriteStartObject();
            w.WriteString("ticker", c.Ticker);
            w.WriteNumber("year", c.Year);
            w.WriteNumber("expectedSessions", c.ExpectedSessions);
            w.WriteNumber("dailySessions", c.DailySessions);
            w.WriteNumber("expectedMinuteSessions", c.ExpectedMinuteSessions);
            w.WriteNumber("minuteSessions", c.MinuteSessions);
            w.WriteNumber("findings", c.Findings);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
