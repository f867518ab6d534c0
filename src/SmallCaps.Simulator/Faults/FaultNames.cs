namespace SmallCaps.Simulator.Faults;

/// <summary>Command-line names of fault kinds.</summary>
public static class FaultNames
{
    private static readonly (FaultKind Kind, string Name)[] Table =
    [
        (FaultKind.TooManyRequests, "429"),
        (FaultKind.TooManyRequestsNoRetryAfter, "429-no-retry-after"),
        (FaultKind.InternalServerError, "500"),
        (FaultKind.BadGateway, "502"),
        (FaultKind.ServiceUnavailable, "503"),
        (FaultKind.Slow, "slow"),
        (FaultKind.ConnectionReset, "reset"),
        (FaultKind.TruncatedJson, "truncate"),
        (FaultKind.NullResults, "null-results"),
        (FaultKind.Delayed, "delayed"),
        (FaultKind.ForeignNextUrl, "foreign-next-url"),
        (FaultKind.RepeatedBar, "repeat-bar"),
    ];

    /// <summary>All names, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The CLI name of a kind.</summary>
    public static string NameOf(FaultKind kind) => Table.First(t => t.Kind == kind).Name;

    /// <summary>Parses a CLI name (case-insensitive).</summary>
    public static FaultKind Parse(string name)
    {
        foreach (var (kind, n) in Table)
        {
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new FormatException($"Unknown fault '{name}'. Known: {string.Join(", ", All)}.");
    }
}
