using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Ingest;

/// <summary>Bars (and the splits that rewrite adjusted ones) from the vendor through the run's one transport.</summary>
internal sealed class AggregatesBarSource(AggregatesClient client, ReferenceClient reference, GroupedDailyClient grouped) : IBarSource
{
    /// <summary>A source over <paramref name="transport"/>.</summary>
    public AggregatesBarSource(MassiveTransport transport)
        : this(new AggregatesClient(transport), new ReferenceClient(transport), new GroupedDailyClient(transport))
    {
    }

    /// <inheritdoc />
    public Task<AggregateResult> FetchAsync(AggregatesQuery query, BarPage buffer, byte[] readBuffer, Func<BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken) =>
        client.FetchAsync(query, onPage, cancellationToken, buffer, readBuffer);

    /// <inheritdoc />
    public Task<IReadOnlyList<SplitRecord>> SplitsExecutedAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
        reference.ListSplitsExecutedAsync(from, to, cancellationToken);

    /// <inheritdoc />
    public Task<bool> HasServedAsync(LocalDate session, CancellationToken cancellationToken) =>
        grouped.HasBarsAsync(session, cancellationToken);
}
