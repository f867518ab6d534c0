using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Tests.Ingest;
using SmallCaps.Core.Tests.Universe;
using SmallCaps.Core.Universe;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Verify;

/// <summary>
/// A lake as a user builds it: select-universe --outdir --corporate-actions (tickers lists, details, splits, ticker
/// events as ledger tasks), then ingest-daily of members listed all along, listed during the window and delisted
/// during it, up to the simulator's last day. Each test works on its own copy.
/// </summary>
public sealed class ReferenceLakeFixture : IAsyncLifetime, IDisposable
{
    public static readonly LocalDate From = new(2024, 1, 2);

    private readonly TempDirectory _template = new("smallcaps-verify-reference-template");

    public LocalDate Snapshot { get; private set; }

    public LocalDate To { get; private set; }

    /// <summary>Ingested members listed before <see cref="From"/> and still listed.</summary>
    public IReadOnlyList<(string Ticker, LocalDate Listed)> Active { get; private set; } = [];

    /// <summary>Ingested members listed during the window.</summary>
    public IReadOnlyList<string> ListedDuring { get; private set; } = [];

    /// <summary>Ingested members delisted during the window, with their delisting date.</summary>
    public IReadOnlyList<(string Ticker, LocalDate Delisted)> Delisted { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 23 });
        Snapshot = sim.Truth.AsOf;
        To = Snapshot.PlusDays(-1);
        var (selection, _) = await SimUniverse.RunAsync(sim, ReferenceLedgerTests.CorporateActions(_template, Snapshot, chunkSize: 40));
        var members = selection.Members.Where(m => m.Ticker.All(char.IsAsciiLetterUpper) && m.ListDate is not null).ToList();
        Active = members.Where(m => m.Active && m.ListDate < From).Take(10).Select(m => (m.Ticker, m.ListDate!.Value)).ToList();
        ListedDuring = members.Where(m => m.Active && m.ListDate > From.PlusDays(30) && m.ListDate < To.PlusDays(-30)).Take(4).Select(m => m.Ticker).ToList();
        Delisted = members.Where(m => !m.Active && m.DelistedDate > From.PlusDays(30) && m.DelistedDate < To && m.ListDate < From).Take(5).Select(m => (m.Ticker, m.DelistedDate!.Value)).ToList();
        Assert.True(Active.Count >= 3 && Delisted.Count >= 2, $"{Active.Count} active, {Delisted.Count} delisted members in the simulator's universe");
        var tickers = Active.Select(a => a.Ticker).Concat(ListedDuring).Concat(Delisted.Select(d => d.Ticker)).ToList();
        var daily = await SimIngest.RunAsync(sim, _template.Path, BarDataset.Daily, tickers, From, To);
        Assert.Equal(ExitCodes.Ok, daily.ExitCode);
    }

    /// <summary>A private copy of the lake for one test.</summary>
    public TempDirectory Copy()
    {
        var copy = new TempDirectory("smallcaps-verify-reference");
        foreach (var file in Directory.EnumerateFiles(_template.Path, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(_template.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    /// <summary>The file of a reference dataset's first chunk, relative to the outdir.</summary>
    public string FirstChunk(string dataset) => ReferenceLake.RelativePath(dataset, Snapshot, ReferenceLake.ChunkLabel(0));

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _template.Dispose();
}
