namespace SmallCaps.Core.Verify;

/// <summary>What scanning one bar file established (null fields: no rows).</summary>
/// <param name="Rows">Rows in the file.</param>
/// <param name="FirstT">First bar start (ms).</param>
/// <param name="LastT">Last bar start (ms).</param>
internal sealed record BarFileScan(long Rows, long? FirstT, long? LastT);
