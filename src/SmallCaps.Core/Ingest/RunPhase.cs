namespace SmallCaps.Core.Ingest;

/// <summary>What a bars or ticks run is doing: its tasks, then the steps after them (bars only).</summary>
public enum RunPhase
{
    /// <summary>Fetching the planned tasks.</summary>
    Tasks,

    /// <summary>Asking the vendor for the splits executed since the adjusted bars were fetched.</summary>
    CheckingSplits,

    /// <summary>Fetching again the windows a split made stale.</summary>
    Refetching,

    /// <summary>Fetching again the windows an older build may have settled before the vendor published their last sessions.</summary>
    RefetchingLateTails,

    /// <summary>Merging each partition's files into one.</summary>
    Merging,
}
