namespace SmallCaps.Bench.Api;

/// <summary>One timed round of a decoder in <see cref="DecodeBarsBench"/>.</summary>
internal sealed record DecodeRound(double CpuPerMillionBars, double SecondsPerPage, double MillionBarsPerPage, double AllocatedPerPage);
