using SmallCaps.Core.Ingest;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class IngestCountersTests
{
    [Fact]
    public void RefetchesPlanned_SplitBatchAfterLateTails_CountsFromZero()
    {
        // Given: 3 late tails fetched again
        var counters = new IngestCounters(0, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        counters.RefetchesPlanned(3);
        counters.RefetchFinished();
        counters.RefetchFinished();
        counters.RefetchFinished();

        // When: the split refetch plans its own 2 windows and finishes one
        counters.RefetchesPlanned(2);
        counters.RefetchFinished();

        // Then: 1/2, not 4/2
        var s = counters.Snapshot();
        Assert.Equal((1, 2), (s.RefetchesFinished, s.RefetchesPlanned));
    }
}
