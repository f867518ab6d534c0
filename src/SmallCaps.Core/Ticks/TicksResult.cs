namespace SmallCaps.Core.Ticks;

/// <summary>What streaming one window cost and delivered.</summary>
/// <param name="Pages">Pages fetched (rechecks included).</param>
/// <param name="Rows">Ticks handed over.</param>
/// <param name="Rechecked">Pages with a null or missing <c>results</c> that were asked again.</param>
/// <param name="Delayed">Some page had status DELAYED.</param>
public sealed record TicksResult(long Pages, long Rows, long Rechecked, bool Delayed);
