using System.Globalization;
using System.Net;
using System.Text;

namespace SmallCaps.Core.Verify;

/// <summary>The coverage map as inline SVG: one row per ticker, one column per year, coloured by state.</summary>
internal static class CoverageSvg
{
    private const int LabelWidth = 96;
    private const int HeaderHeight = 28;
    private const int CellWidth = 30;
    private const int CellHeight = 14;

    public static string Render(IReadOnlyList<CoverageCell> cells)
    {
        var tickers = cells.Select(c => c.Ticker).Distinct().Order(StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        if (tickers.Count == 0)
        {
            return "<svg id=\"coverage\" xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"30\"><text x=\"4\" y=\"20\">no tickers</text></svg>";
        }

        var firstYear = cells.Min(c => c.Year);
        var lastYear = cells.Max(c => c.Year);
        var width = LabelWidth + ((lastYear - firstYear + 1) * CellWidth) + 4;
        var height = HeaderHeight + (tickers.Count * CellHeight) + 4;
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"<svg id=\"coverage\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"10\">");
        for (var year = firstYear; year <= lastYear; year++)
        {
            var x = LabelWidth + ((year - firstYear) * CellWidth) + (CellWidth / 2);
            sb.Append(inv, $"<text x=\"{x}\" y=\"{HeaderHeight - 8}\" text-anchor=\"middle\">{year % 100:00}</text>");
        }

        var byKey = cells.ToDictionary(c => (c.Ticker, c.Year));
        for (var row = 0; row < tickers.Count; row++)
        {
            var y = HeaderHeight + (row * CellHeight);
            sb.Append(inv, $"<text x=\"{LabelWidth - 4}\" y=\"{y + CellHeight - 3}\" text-anchor=\"end\">{WebUtility.HtmlEncode(tickers[row])}</text>");
            for (var year = firstYear; year <= lastYear; year++)
            {
                if (!byKey.TryGetValue((tickers[row], year), out var cell))
                {
                    continue;
                }

                var x = LabelWidth + ((year - firstYear) * CellWidth);
                var (colour, state) = State(cell);
                var title = $"{cell.Ticker} {cell.Year}: {state}; daily {cell.DailySessions}/{cell.ExpectedSessions} sessions, minute {cell.MinuteSessions}/{cell.ExpectedMinuteSessions}, {cell.Findings} findings";
                sb.Append(inv, $"<rect class=\"cell {state}\" x=\"{x + 1}\" y=\"{y + 1}\" width=\"{CellWidth - 2}\" height=\"{CellHeight - 2}\" fill=\"{colour}\"><title>{WebUtility.HtmlEncode(title)}</title></rect>");
            }
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static (string Colour, string State) State(CoverageCell cell) => cell switch
    {
        { Findings: > 0 } => ("#c62828", "findings"),
        { ExpectedSessions: 0 } => ("#bdbdbd", "not-fetched"),
        _ when cell.DailySessions < cell.ExpectedSessions || cell.MinuteSessions < cell.ExpectedMinuteSessions => ("#f9a825", "incomplete"),
        _ => ("#2e7d32", "complete"),
    };
}
