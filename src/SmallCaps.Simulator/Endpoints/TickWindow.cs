using System.Globalization;
using SmallCaps.Core.Calendar;
using SmallCaps.Simulator.Paging;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>The <c>timestamp</c> filters of /v3/trades and /v3/quotes as an inclusive ns range, and the next page's query.</summary>
internal readonly record struct TickWindow(long FromNs, long ToNs, bool Descending, int Limit)
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 50_000;

    public static TickWindow Parse(RequestContext ctx)
    {
        var q = ctx.Query;
        var lo = NewYorkTime.StartOfDayUnixMilliseconds(ctx.Market.DataStart) * 1_000_000L;
        var hi = (NewYorkTime.StartOfDayUnixMilliseconds(ctx.Market.AsOf.PlusDays(1)) * 1_000_000L) - 1;
        if (q["timestamp"] is { } exact)
        {
            var a = QueryValues.Nanoseconds(exact, false, "timestamp");
            var b = QueryValues.Nanoseconds(exact, true, "timestamp");
            (lo, hi) = (Math.Max(lo, a), Math.Min(hi, b));
        }

        if (q["timestamp.gte"] is { } gte)
        {
            lo = Math.Max(lo, QueryValues.Nanoseconds(gte, false, "timestamp.gte"));
        }

        if (q["timestamp.gt"] is { } gt)
        {
            lo = Math.Max(lo, QueryValues.Nanoseconds(gt, true, "timestamp.gt") + 1);
        }

        if (q["timestamp.lte"] is { } lte)
        {
            hi = Math.Min(hi, QueryValues.Nanoseconds(lte, true, "timestamp.lte"));
        }

        if (q["timestamp.lt"] is { } lt)
        {
            hi = Math.Min(hi, QueryValues.Nanoseconds(lt, false, "timestamp.lt") - 1);
        }

        var descending = (q["order"] ?? "desc") switch
        {
            "asc" => false,
            "desc" => true,
            var other => throw new BadRequestException($"Invalid order '{other}'."),
        };
        if (q["sort"] is { } sort && sort != "timestamp")
        {
            throw new BadRequestException($"Invalid sort '{sort}': only timestamp is supported.");
        }

        return new TickWindow(lo, hi, descending, ctx.Limit(DefaultLimit, MaxLimit));
    }

    /// <summary>The cursor of the page after one that ended at <paramref name="lastNs"/>.</summary>
    public string NextCursor(RequestContext ctx, long lastNs)
    {
        var q = ctx.Query.With("timestamp", null).With("timestamp.gte", null).With("timestamp.gt", null).With("timestamp.lte", null).With("timestamp.lt", null)
            .With("order", Descending ? "desc" : "asc").With("sort", "timestamp").With("limit", Limit.ToString(CultureInfo.InvariantCulture));
        q = Descending
            ? q.With("timestamp.gte", FromNs.ToString(CultureInfo.InvariantCulture)).With("timestamp.lt", lastNs.ToString(CultureInfo.InvariantCulture))
            : q.With("timestamp.gt", lastNs.ToString(CultureInfo.InvariantCulture)).With("timestamp.lte", ToNs.ToString(CultureInfo.InvariantCulture));
        return q.ToCursor();
    }
}
