using System.Buffers;
using System.Globalization;
using SmallCaps.Simulator.Faults;
using SmallCaps.Simulator.Market;
using SmallCaps.Simulator.Paging;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>
/// <c>/v2/aggs/ticker/{ticker}/range/{multiplier}/{minute|day}/{from}/{to}</c>. <c>limit</c> counts base bars
/// (default 5000, max 50000). A truncated page carries next_url whose <c>{from}</c> is the ms after the last base
/// bar returned (ascending) or whose <c>{to}</c> is the ms before it (descending), with the query in <c>cursor</c>.
/// </summary>
internal static class AggregatesEndpoint
{
    public const int DefaultLimit = 5000;
    public const int MaxLimit = 50_000;

    public static void Handle(RequestContext ctx)
    {
        var s = ctx.Segments;
        var ticker = s[3];
        if (!int.TryParse(s[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var multiplier) || multiplier < 1)
        {
            throw new BadRequestException($"Invalid multiplier '{s[5]}'.");
        }

        var minute = s[6] switch
        {
            "minute" => true,
            "day" => false,
            _ => throw new BadRequestException($"Unsupported timespan '{s[6]}': the simulator serves minute and day."),
        };
        var fromMs = QueryValues.Milliseconds(s[7], endOfDay: false, "from");
        var toMs = QueryValues.Milliseconds(s[8], endOfDay: true, "to");
        var adjusted = QueryValues.Bool(ctx.Query["adjusted"], true, "adjusted");
        var descending = (ctx.Query["sort"] ?? "asc") switch
        {
            "asc" => false,
            "desc" => true,
            var other => throw new BadRequestException($"Invalid sort '{other}'."),
        };
        var limit = ctx.Limit(DefaultLimit, MaxLimit);
        if (!ctx.Market.Universe.IsKnown(ticker))
        {
            ctx.NotFound();
            return;
        }

        if (minute && ctx.Options.MinuteHistoryFrom is { } since && fromMs < Core.Calendar.NewYorkTime.StartOfDayUnixMilliseconds(since))
        {
            ctx.NotAuthorized("Your plan doesn't include this data timeframe. Please upgrade your plan at https://massive.com/pricing");
            return;
        }

        var dataset = minute ? BarKind.Minute : BarKind.Day;
        var results = ArrayPool<SimBar>.Shared.Rent(Math.Min(limit, MaxLimit) + 1);
        var group = ArrayPool<SimBar>.Shared.Rent(Math.Min(limit, MaxLimit) + 1);
        try
        {
            var (count, baseCount, lastBaseT, more) = Collect(ctx.Market.Bars(ticker, dataset, fromMs, toMs, adjusted, descending), results, group, limit, minute, multiplier, descending);
            var json = ctx.Json;
            json.WriteStartObject();
            json.WriteString("ticker", ticker);
            var nulled = ctx.NullResults;
            json.WriteNumber("queryCount", nulled ? 0 : baseCount);
            json.WriteNumber("resultsCount", nulled ? 0 : count);
            json.WriteBoolean("adjusted", adjusted);
            if (nulled)
            {
                json.WriteNull("results");
            }
            else if (count > 0)
            {
                BarJson.WriteArray(ctx, "results", results.AsSpan(0, count), null);
            }

            json.WriteString("status", ctx.Status);
            ctx.WriteRequestId();
            json.WriteNumber("count", nulled ? 0 : count);
            if (more && !nulled)
            {
                var repeat = ctx.Fault == FaultKind.RepeatedBar && multiplier == 1;
                var edge = descending ? (repeat ? lastBaseT : lastBaseT - 1) : (repeat ? lastBaseT : lastBaseT + 1);
                var from = descending ? s[7] : edge.ToString(CultureInfo.InvariantCulture);
                var to = descending ? edge.ToString(CultureInfo.InvariantCulture) : s[8];
                var cursor = ctx.Query.With("adjusted", adjusted ? "true" : "false").With("limit", limit.ToString(CultureInfo.InvariantCulture)).With("sort", descending ? "desc" : "asc").ToCursor();
                ctx.WriteNextUrl($"/v2/aggs/ticker/{Uri.EscapeDataString(ticker)}/range/{multiplier}/{s[6]}/{from}/{to}?cursor={cursor}");
            }

            json.WriteEndObject();
        }
        finally
        {
            ArrayPool<SimBar>.Shared.Return(results);
            ArrayPool<SimBar>.Shared.Return(group);
        }
    }

    private static (int Count, int BaseCount, long LastBaseT, bool More) Collect(IEnumerable<SimBar> bars, SimBar[] results, SimBar[] group, int limit, bool minute, int multiplier, bool descending)
    {
        int count = 0, baseCount = 0, inGroup = 0;
        long lastBaseT = 0, bucket = long.MinValue;
        using var e = bars.GetEnumerator();
        if (multiplier == 1)
        {
            while (baseCount < limit && e.MoveNext())
            {
                results[count++] = e.Current;
                baseCount++;
                lastBaseT = e.Current.Timestamp;
            }

            return (count, baseCount, lastBaseT, baseCount == limit && e.MoveNext());
        }

        // Whole windows only, so the next page (starting after the last base bar) never splits one.
        while (e.MoveNext())
        {
            var b = e.Current;
            var k = BarGrouping.BucketOf(b, minute, multiplier);
            if (inGroup > 0 && k != bucket)
            {
                if (baseCount + inGroup > limit && count > 0)
                {
                    return (count, baseCount, lastBaseT, true);
                }

                results[count++] = Flush(group, inGroup, minute, multiplier, descending);
                baseCount += inGroup;
                lastBaseT = group[inGroup - 1].Timestamp;
                inGroup = 0;
            }

            bucket = k;
            if (inGroup < group.Length)
            {
                group[inGroup++] = b;
            }
        }

        if (inGroup > 0)
        {
            if (baseCount + inGroup > limit && count > 0)
            {
                return (count, baseCount, lastBaseT, true);
            }

            results[count++] = Flush(group, inGroup, minute, multiplier, descending);
            baseCount += inGroup;
            lastBaseT = group[inGroup - 1].Timestamp;
        }

        return (count, baseCount, lastBaseT, false);
    }

    private static SimBar Flush(SimBar[] group, int n, bool minute, int multiplier, bool descending)
    {
        if (descending)
        {
            Array.Reverse(group, 0, n);
            var combined = BarGrouping.Combine(group.AsSpan(0, n), minute, multiplier);
            Array.Reverse(group, 0, n);
            return combined;
        }

        return BarGrouping.Combine(group.AsSpan(0, n), minute, multiplier);
    }
}
