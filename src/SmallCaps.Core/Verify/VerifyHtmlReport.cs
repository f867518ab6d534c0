using System.Globalization;
using System.Net;
using System.Text;

namespace SmallCaps.Core.Verify;

/// <summary>
/// The <c>--html</c> form: one self-contained file (inline CSS and SVG, no script, no external
/// resource) with the summary, the coverage map (tickers × years) and the worst findings.
/// </summary>
public static class VerifyHtmlReport
{
    /// <summary>Findings listed in the table, most serious kinds and largest counts first.</summary>
    public const int MaxFindingsShown = 500;

    /// <summary>Renders the report.</summary>
    public static string Render(VerifyReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var t = report.Totals;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>smallcaps verify</title><style>");
        sb.Append("body{font-family:sans-serif;margin:24px;color:#212121}table{border-collapse:collapse;margin:8px 0}");
        sb.Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}th{background:#eee}");
        sb.Append(".num{text-align:right}.clean{color:#2e7d32}.dirty{color:#c62828}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}");
        sb.Append("</style></head><body>");
        sb.Append(inv, $"<h1>Lake verification</h1><p>{Enc(report.Outdir)}</p>");
        sb.Append(report.IsClean
            ? "<p id=\"verdict\" class=\"clean\"><strong>Clean: no findings.</strong></p>"
            : string.Create(inv, $"<p id=\"verdict\" class=\"dirty\"><strong>{report.Findings.Count} findings.</strong></p>"));
        sb.Append(inv, $"<p>{t.Tasks} ledger tasks, {t.Files} files ({t.Bytes:N0} bytes hashed), {t.Rows:N0} bars, {t.Tickers} tickers; reference: {t.ReferenceSpans} listing spans, {t.Splits} splits, {t.TickersWithEvents} tickers in ticker events.</p>");
        sb.Append("<h2>Summary</h2><table id=\"summary\"><tr><th>check</th><th>findings</th></tr>");
        var counts = report.CountsByKind();
        foreach (var kind in Enum.GetValues<FindingKind>())
        {
            sb.Append(inv, $"<tr><td>{kind.ToName()}</td><td class=\"num\">{counts.GetValueOrDefault(kind)}</td></tr>");
        }

        sb.Append("</table><h2>Coverage</h2><p class=\"legend\">");
        sb.Append("<span style=\"background:#2e7d32\"></span>complete<span style=\"background:#f9a825\"></span>incomplete");
        sb.Append("<span style=\"background:#c62828\"></span>findings<span style=\"background:#bdbdbd\"></span>not fetched</p>");
        sb.Append(CoverageSvg.Render(report.Coverage));
        sb.Append("<h2>Worst findings</h2><table id=\"findings\"><tr><th>kind</th><th>where</th><th>date</th><th>count</th><th>reason</th></tr>");
        foreach (var f in report.Findings.OrderBy(f => f.Kind).ThenByDescending(f => f.Count).Take(MaxFindingsShown))
        {
            var date = f.Date is { } d ? CompletenessCheck.Iso(d) : string.Empty;
            sb.Append(inv, $"<tr class=\"finding\"><td>{f.Kind.ToName()}</td><td>{Enc(VerifyTextReport.Where(f))}</td><td>{date}</td><td class=\"num\">{f.Count}</td><td>{Enc(f.Detail)}</td></tr>");
        }

        sb.Append("</table>");
        if (report.Findings.Count > MaxFindingsShown)
        {
            sb.Append(inv, $"<p>{report.Findings.Count - MaxFindingsShown} more findings: see <code>smallcaps verify --json</code>.</p>");
        }

        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
