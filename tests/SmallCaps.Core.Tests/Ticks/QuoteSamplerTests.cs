using SmallCaps.Core.Ticks;

namespace SmallCaps.Core.Tests.Ticks;

public sealed class QuoteSamplerTests
{
    [Theory]
    [InlineData(1, 1_000_000_000L)]
    [InlineData(7, 250_000_000L)]
    [InlineData(3, 60_000_000_000L)]
    public void Offer_RandomStreamCutIntoPages_EqualsLastQuotePerBucket(int seed, long bucketNs)
    {
        // Given quotes with random gaps (several per bucket, empty buckets), cut into pages of random size
        var random = new Random(seed);
        var times = new List<long>();
        var t = 1_710_509_460_000_000_000L;
        for (var i = 0; i < 5000; i++)
        {
            t += random.Next(4) == 0 ? (long)random.Next(1, 3_000) * 1_000_000 : random.Next(0, 50_000_000);
            times.Add(t);
        }

        var expected = times.Select((x, i) => (x, i)).GroupBy(p => Math.DivRem(p.x, bucketNs, out _)).Select(g => g.Last().i).ToList();
        var sampler = new QuoteSampler(bucketNs);
        var kept = new List<long>();
        void Emit(TickPage page, int row) => kept.Add(page.SequenceNumber[row]);

        // When
        var offset = 0;
        var page = new TickPage();
        while (offset < times.Count)
        {
            var size = Math.Min(times.Count - offset, random.Next(1, 700));
            page.Reset();
            for (var i = 0; i < size; i++)
            {
                page.AddRow();
                page.SipTimestamp.Set(times[offset + i]);
                page.SequenceNumber.Set(offset + i);
            }

            for (var i = 0; i < size; i++)
            {
                sampler.Offer(page, i, i + 1 < size ? i + 1 : -1, Emit);
            }

            offset += size;
        }

        sampler.Finish(Emit);

        // Then
        Assert.Equal(expected.Select(i => (long)i), kept);
    }

    [Fact]
    public void Bucket_NegativeTimes_FloorNotTruncate()
    {
        // Given / When
        var sampler = new QuoteSampler(10);

        // Then
        Assert.Equal(-1, sampler.Bucket(-1));
        Assert.Equal(0, sampler.Bucket(9));
    }
}
