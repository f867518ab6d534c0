using System.Text;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

/// <summary>A reused page is never cleared: every way a row is added must write every column.</summary>
public sealed class BarPageTests
{
    [Fact]
    public void Reset_RowsWithOptionalsThenRowsWithout_ReadAsAbsent()
    {
        // Given: a page whose rows set every optional column, emptied
        var page = new BarPage(4);
        for (var i = 0; i < 4; i++)
        {
            page.Append(i + 1, 1, 2, 0.5, 1.5, 100, 1.2, hasVwap: true, 7, hasTransactions: true, otc: true);
        }

        page.Reset();

        // When: rows without them, one appended whole and one the way the scanner and the reader add rows
        page.Append(10, 1, 2, 0.5, 1.5, 100, 0, hasVwap: false, 0, hasTransactions: false, otc: false);
        page.Add(11, 1, 2, 0.5, 1.5, 100);

        // Then
        Assert.Equal([10L, 11L], page.Time.ToArray());
        Assert.Equal([false, false], page.HasVwap.ToArray());
        Assert.Equal([0.0, 0.0], page.Vwap.ToArray());
        Assert.Equal([false, false], page.HasTransactions.ToArray());
        Assert.Equal([0L, 0L], page.Transactions.ToArray());
        Assert.Equal([false, false], page.Otc.ToArray());
    }

    [Fact]
    public void DropNotAfter_RandomPagesWithRepeatsAnywhere_KeepExactlyTheBarsAfterTheLastKept()
    {
        var random = new Random(77);
        for (var n = 0; n < 2_000; n++)
        {
            // Given: up to 40 bars, mostly ascending, now and then a repeat or a step back at any position (vector lanes included)
            var page = new BarPage();
            var times = new List<long>();
            var t = 1_000L;
            for (var i = random.Next(0, 41); i > 0; i--)
            {
                t += random.Next(50) switch { 0 => 0, 1 => -random.Next(1, 5), _ => random.Next(1, 4) };
                times.Add(t);
                page.Add(t, t, t, t, t, t);
            }

            long? lastSeen = random.Next(3) == 0 ? null : 1_000 + random.Next(-2, 3);
            var expected = new List<long>();
            var last = lastSeen ?? long.MinValue;
            foreach (var time in times)
            {
                if (time > last)
                {
                    expected.Add(time);
                    last = time;
                }
            }

            // When
            var dropped = page.DropNotAfter(lastSeen);

            // Then
            Assert.Equal(times.Count - expected.Count, dropped);
            Assert.Equal(expected, page.Time.ToArray());
            Assert.Equal(expected.Select(x => (double)x), page.Open.ToArray());
        }
    }

    [Fact]
    public void DropNotAfter_StrictlyAscendingAfterLastSeen_DropsNothing()
    {
        // Given
        var page = new BarPage();
        foreach (var t in new long[] { 5, 6, 9 })
        {
            page.Add(t, t, t, t, t, t);
        }

        // When
        var dropped = page.DropNotAfter(4);

        // Then
        Assert.Equal(0, dropped);
        Assert.Equal([5L, 6L, 9L], page.Time.ToArray());
        Assert.Equal(0, page.DuplicatesDropped);
    }

    [Fact]
    public void DropNotAfter_RepeatsAndRowsAddedAfter_KeptRowsMoveWithTheirColumnsAndNewRowsReadAbsent()
    {
        // Given: 3 repeats the last seen, 4 comes twice; the rows carry optional values
        var page = new BarPage(2);
        foreach (var t in new long[] { 3, 4, 4, 5, 2, 6 })
        {
            page.Append(t, t, t, t, t, t * 10, t, hasVwap: true, t, hasTransactions: true, otc: true);
        }

        // When
        var dropped = page.DropNotAfter(3);
        page.Add(7, 7, 7, 7, 7, 70);

        // Then
        Assert.Equal(3, dropped);
        Assert.Equal([4L, 5L, 6L, 7L], page.Time.ToArray());
        Assert.Equal([40.0, 50.0, 60.0, 70.0], page.Volume.ToArray());
        Assert.Equal([4.0, 5.0, 6.0, 0.0], page.Vwap.ToArray());
        Assert.Equal([true, true, true, false], page.HasVwap.ToArray());
        Assert.Equal([4L, 5L, 6L, 0L], page.Transactions.ToArray());
        Assert.Equal([true, true, true, false], page.Otc.ToArray());
    }

    [Fact]
    public async Task Complete_DrainsOfRowsWithAndWithoutOptionals_SameRowsAsTheReaderDecoder()
    {
        // Given: vendor rows in every form, drained in small batches from one reused page, in reads of every size
        var generator = new RandomVendorRows(new Random(99));
        var reads = new Random(8);
        var checkedBodies = 0;
        for (var n = 0; n < 40; n++)
        {
            var body = generator.Body(rows: 200, oddOneIn: n % 2 == 0 ? 150 : 1000);

            // Bodies the reader rejects are other tests' matter (errors); here every row must come through.
            if (DecodeOutcome.Reference(body).Page is not { } expected)
            {
                continue;
            }

            checkedBodies++;
            var rows = new List<string>();
            var decoder = new BarStreamDecoder(new BarPage(16), bufferSize: 1024)
            {
                DrainRows = 1 + (n % 7),
                Drain = (page, _) =>
                {
                    rows.AddRange(Rows(page));
                    return ValueTask.CompletedTask;
                },
            };

            // When
            decoder.Reset();
            for (var offset = 0; offset < body.Length;)
            {
                var take = Math.Min(body.Length - offset, reads.Next(1, 700));
                decoder.Write(body.AsSpan(offset, take));
                offset += take;
                await decoder.DrainAsync(CancellationToken.None);
            }

            rows.AddRange(Rows(decoder.Complete()));

            // Then
            Assert.Equal(Rows(expected), rows);
        }

        Assert.True(checkedBodies >= 10, $"only {checkedBodies} bodies decoded");
    }

    // Every column of every row, doubles by their bits.
    private static List<string> Rows(BarPage page)
    {
        var rows = new List<string>();
        for (var i = 0; i < page.Count; i++)
        {
            var row = new StringBuilder();
            row.Append(page.Time[i]).Append('|');
            foreach (var x in new[] { page.Open[i], page.High[i], page.Low[i], page.Close[i], page.Volume[i], page.Vwap[i] })
            {
                row.Append(BitConverter.DoubleToInt64Bits(x)).Append('|');
            }

            row.Append(page.HasVwap[i]).Append('|').Append(page.Transactions[i]).Append('|').Append(page.HasTransactions[i]).Append('|').Append(page.Otc[i]);
            rows.Add(row.ToString());
        }

        return rows;
    }
}
