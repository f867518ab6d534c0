namespace SmallCaps.Core.Api;

/// <summary>What one bar stream delivered.</summary>
/// <param name="Pages">Pages fetched (empty ones included).</param>
/// <param name="Bars">Bars delivered to the consumer.</param>
/// <param name="DuplicatesDropped">Bars dropped because their <c>t</c> was not after the last one delivered (repeated across pages).</param>
/// <param name="FirstTime">The first delivered bar's <c>t</c> (Unix ms), null when none.</param>
/// <param name="LastTime">The last delivered bar's <c>t</c> (Unix ms), null when none.</param>
/// <param name="Delayed">True when some page had status DELAYED.</param>
/// <param name="EmptyPagesRechecked">Empty last pages (after a next_url) fetched a second time to rule out a transient null result.</param>
public sealed record AggregateResult(long Pages, long Bars, long DuplicatesDropped, long? FirstTime, long? LastTime, bool Delayed, long EmptyPagesRechecked = 0);
