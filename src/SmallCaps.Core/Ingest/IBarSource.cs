using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Ingest;

/// <summary>Where bars come from: the vendor client in production, a fake in unit tests.</summary>
internal interface IBarSource
{
    /// <summary>Streams the query's pages to <paramref name="onPage"/>, reading into <paramref name="readBuffer"/> and decoding into <paramref name="buffer"/>.</summary>
    Task<AggregateResult> FetchAsync(AggregatesQuery query, BarPage buffer, byte[] readBuffer, Func<BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken);

    /// <summary>Every ticker's splits executed in the dates given (inclusive): they rewrite adjusted bars fetched before them.</summary>
    Task<IReadOnlyList<SplitRecord>> SplitsExecutedAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken);

    /// <summary>True when the vendor has published <paramref name="session"/>: its grouped daily bars hold a bar of some ticker.</summary>
    Task<bool> HasServedAsync(LocalDate session, CancellationToken cancellationToken);
}
