using System.Globalization;
using NodaTime;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>Offset paging and date filters shared by splits and dividends.</summary>
internal static class OffsetPage
{
    public static int Offset(RequestContext ctx) =>
        int.TryParse(ctx.Query["offset"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) && o > 0 ? o : 0;

    public static bool DateMatches(RequestContext ctx, string field, LocalDate value)
    {
        var q = ctx.Query;
        return (q[field] is not { } eq || value == QueryValues.Date(eq, field))
            && (q[field + ".gte"] is not { } gte || value >= QueryValues.Date(gte, field))
            && (q[field + ".gt"] is not { } gt || value > QueryValues.Date(gt, field))
            && (q[field + ".lte"] is not { } lte || value <= QueryValues.Date(lte, field))
            && (q[field + ".lt"] is not { } lt || value < QueryValues.Date(lt, field));
    }

    public static void WriteNext(RequestContext ctx, string path, int nextOffset, int limit) =>
        ctx.WriteNextUrl($"{path}?cursor={ctx.Query.With("offset", nextOffset.ToString(CultureInfo.InvariantCulture)).With("limit", limit.ToString(CultureInfo.InvariantCulture)).ToCursor()}");
}
