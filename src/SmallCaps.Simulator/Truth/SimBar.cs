namespace SmallCaps.Simulator.Truth;

/// <summary>An aggregate bar exactly as the simulator serves it.</summary>
/// <param name="Timestamp">Window start, Unix ms (<c>t</c>).</param>
/// <param name="Open">Open (<c>o</c>).</param>
/// <param name="High">High (<c>h</c>).</param>
/// <param name="Low">Low (<c>l</c>).</param>
/// <param name="Close">Close (<c>c</c>).</param>
/// <param name="Volume">Volume (<c>v</c>; fractional from 2026).</param>
/// <param name="VolumeWeighted">Volume-weighted price (<c>vw</c>).</param>
/// <param name="Transactions">Number of trades (<c>n</c>).</param>
/// <param name="Otc">True for OTC listings (<c>otc</c>, written only when true).</param>
public readonly record struct SimBar(long Timestamp, double Open, double High, double Low, double Close, double Volume, double VolumeWeighted, long Transactions, bool Otc);
