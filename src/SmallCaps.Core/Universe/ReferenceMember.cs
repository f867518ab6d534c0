namespace SmallCaps.Core.Universe;

/// <summary>
/// How a chunk member is written in the ledger: the request it stands for, self-contained so a failed chunk is
/// asked again exactly as planned even when the universe changed since. Two parts join with '|' (never in a ticker).
/// </summary>
internal static class ReferenceMember
{
    private const char Separator = '|';

    public static string Join(string first, string second) => first + Separator + second;

    public static (string First, string Second) Split(string member)
    {
        var at = member.LastIndexOf(Separator);
        return at < 0 ? (member, "") : (member[..at], member[(at + 1)..]);
    }

    public static string OfDetails(DetailsRequest request) => Join(request.Ticker, ReferenceDates.Format(request.Date));

    public static DetailsRequest ToDetails(string member)
    {
        var (ticker, date) = Split(member);
        return new DetailsRequest(ticker, ReferenceDates.Parse(date) ?? throw new FormatException($"ledger member '{member}' has no date"));
    }
}
