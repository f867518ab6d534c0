using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;

namespace SmallCaps.Cli.Ingest;

/// <summary>A bars ingest with every option checked: what the verb runs and what launch checks before it detaches.</summary>
/// <param name="Tickers">The CSV's tickers and its warnings.</param>
/// <param name="Range">The New York sessions asked for.</param>
/// <param name="Outdir">The lake, as a full path.</param>
/// <param name="Connection">Transport settings and the key.</param>
/// <param name="Former">The renamed tickers' plan under --former-tickers, else null.</param>
internal sealed record IngestPlan(TickerList Tickers, IngestRange Range, string Outdir, ApiConnection Connection, FormerTickerPlan? Former)
{
    /// <summary>The tickers the run asks the API for (former ones included).</summary>
    public IReadOnlyList<string> Asked => Former?.Tickers ?? Tickers.Tickers;
}
