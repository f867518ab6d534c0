using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace SmallCaps.Bench.Parquet;

/// <summary>Counts the runtime's allocation-tick samples (one per ~100 KB allocated) by type: which types the garbage is made of.</summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, int> _samples = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Samples => _samples;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.PayloadNames is { } names)
        {
            var i = names.IndexOf("TypeName");
            var type = i >= 0 ? eventData.Payload?[i] as string ?? "?" : "?";
            _samples.AddOrUpdate(type, 1, (_, n) => n + 1);
        }
    }
}
