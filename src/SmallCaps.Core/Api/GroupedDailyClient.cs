using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Api;

/// <summary>
/// The vendor's grouped daily bars (every ticker's daily bar of one date, one request): whether the vendor has
/// published a session yet. The bars themselves are only counted, batch by batch, never kept.
/// </summary>
internal sealed class GroupedDailyClient(MassiveTransport transport)
{
    /// <summary>True when the vendor's grouped daily bars of <paramref name="session"/> hold at least one bar.</summary>
    public async Task<bool> HasBarsAsync(LocalDate session, CancellationToken cancellationToken)
    {
        var seen = false;
        var page = new BarPage();
        var decoder = new BarStreamDecoder(page)
        {
            Drain = (batch, _) =>
            {
                seen |= batch.Count > 0;
                return ValueTask.CompletedTask;
            },
        };
        var url = transport.Resolve($"/v2/aggs/grouped/locale/us/market/stocks/{IsoDate.Format(session)}?adjusted=true");
        await transport.GetStreamedPageAsync(url, decoder, cancellationToken);
        return seen || page.Count > 0;
    }
}
