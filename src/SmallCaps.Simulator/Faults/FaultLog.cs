using System.Collections.Concurrent;

namespace SmallCaps.Simulator.Faults;

/// <summary>Counts of faults the simulator injected, readable by tests.</summary>
public sealed class FaultLog
{
    private readonly ConcurrentDictionary<FaultKind, int> _counts = new();

    /// <summary>Injected faults of one kind.</summary>
    public int Count(FaultKind kind) => _counts.TryGetValue(kind, out var n) ? n : 0;

    /// <summary>All injected faults.</summary>
    public int Total => _counts.Values.Sum();

    internal void Record(FaultKind kind) => _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
}
