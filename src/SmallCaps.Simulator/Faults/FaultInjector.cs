using SmallCaps.Simulator.Market;

namespace SmallCaps.Simulator.Faults;

/// <summary>Picks at most one fault per request: rules first (in order), then seeded rates.</summary>
internal sealed class FaultInjector(SimulatorOptions options, FaultLog log)
{
    private readonly long[] _ruleMatches = new long[options.FaultRules.Count];
    private readonly KeyValuePair<FaultKind, double>[] _rates = options.EffectiveFaultRates().Where(r => r.Value > 0).OrderBy(r => r.Key).ToArray();

    public FaultKind? Decide(string path, long requestNumber)
    {
        // Every matching rule counts the request, so rules do not shift each other's numbering; the first one due wins.
        FaultKind? ruled = null;
        for (var i = 0; i < options.FaultRules.Count; i++)
        {
            var rule = options.FaultRules[i];
            if (path.StartsWith(rule.PathPrefix, StringComparison.Ordinal) && rule.AppliesTo(Interlocked.Increment(ref _ruleMatches[i])))
            {
                ruled ??= rule.Kind;
            }
        }

        if (ruled is { } due)
        {
            log.Record(due);
            return due;
        }

        if (_rates.Length == 0)
        {
            return null;
        }

        var u = Mix.Unit(Mix.Hash((ulong)options.Seed, 0xFA17, (ulong)requestNumber));
        foreach (var (kind, rate) in _rates)
        {
            if (u < rate)
            {
                log.Record(kind);
                return kind;
            }

            u -= rate;
        }

        return null;
    }
}
