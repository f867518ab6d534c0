using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Manifest;
using SmallCaps.Core.Ticks;

namespace SmallCaps.Cli.Commands;

/// <summary>A tick ingest with every option checked: what the verb runs and what launch checks before it detaches.</summary>
/// <param name="Windows">The manifest's windows inside --start-date/--end-date.</param>
/// <param name="Dataset">Trades, quotes, or sampled quotes.</param>
/// <param name="Outdir">The lake, as a full path.</param>
/// <param name="Connection">Transport settings and the key.</param>
internal sealed record TicksPlan(IReadOnlyList<ManifestWindow> Windows, TickDataset Dataset, string Outdir, ApiConnection Connection);
