using SmallCaps.Core.Api;

namespace SmallCaps.Core.Ingest;

/// <summary>Bars from the vendor through the run's one transport.</summary>
internal sealed class AggregatesBarSource(AggregatesClient client) : IBarSource
{
    /// <inheritdoc />
    public Task<AggregateResult> FetchAsync(AggregatesQuery query, BarPage buffer, byte[] readBuffer, Func<BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken) =>
        client.FetchAsync(query, onPage, cancellationToken, buffer, readBuffer);
}
