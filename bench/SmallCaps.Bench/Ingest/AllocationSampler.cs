using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace SmallCaps.Bench.Ingest;

/// <summary>Samples the runtime's AllocationTick events (one per ~100 KB allocated) by type and heap, for finding who allocates.</summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    /// <summary>Top allocating types, largest first.</summary>
    public IEnumerable<(string Type, long Bytes)> Top(int count) =>
        _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.Payload[eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var kind = Convert.ToInt32(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationKind")], System.Globalization.CultureInfo.InvariantCulture);
        var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
        var heap = kind == 1 ? "LOH" : kind == 2 ? "POH" : "SOH";
        var at = eventData.PayloadNames.IndexOf("ObjectSize");

        // A big object's size usually names its owner (a page array, a read buffer, a pooled buffer, a dictionary table).
        var size = at >= 0 && Convert.ToInt64(eventData.Payload[at], System.Globalization.CultureInfo.InvariantCulture) >= 8192 ? $" ({Convert.ToInt64(eventData.Payload[at], System.Globalization.CultureInfo.InvariantCulture) / 1024} KiB)" : string.Empty;
        _bytes.AddOrUpdate($"{heap} {type}{size}", amount, (_, v) => v + amount);
    }
}
