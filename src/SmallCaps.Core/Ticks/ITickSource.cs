namespace SmallCaps.Core.Ticks;

/// <summary>Where ticks come from: the vendor client in production, a fake in unit tests.</summary>
internal interface ITickSource
{
    /// <summary>Streams the window's pages to <paramref name="onPage"/>, decoding each into <paramref name="page"/>.</summary>
    Task<TicksResult> FetchAsync(TicksQuery query, TickPage page, Func<TickPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken);
}
