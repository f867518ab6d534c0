namespace SmallCaps.Core.Ticks;

/// <summary>
/// Streaming --quotes-hz: for each bucket [k·w, (k+1)·w) of Unix ns time with at least one quote, keeps the quote
/// in force at the bucket's end, i.e. its last quote. A bucket still open at a page's end lives in a one-row carry
/// page until a later quote (or the end of the task) closes it, so memory never grows with the day.
/// Buckets without quotes get no row: the last kept quote is still in force there.
/// </summary>
internal sealed class QuoteSampler(long bucketNs)
{
    private readonly TickPage _carry = new();
    private long _carryBucket;

    /// <summary>Quotes offered.</summary>
    public long Offered { get; private set; }

    /// <summary>
    /// Offers row <paramref name="row"/> of <paramref name="page"/>, whose next kept row (or -1) is <paramref name="nextRow"/>.
    /// Calls <paramref name="emit"/> for the rows that close a bucket, oldest first.
    /// </summary>
    public void Offer(TickPage page, int row, int nextRow, Action<TickPage, int> emit)
    {
        Offered++;
        var bucket = Bucket(page.SipTimestamp[row]);
        if (_carry.Count > 0)
        {
            if (bucket != _carryBucket)
            {
                emit(_carry, 0);
            }

            _carry.Reset();
        }

        if (nextRow >= 0)
        {
            if (Bucket(page.SipTimestamp[nextRow]) != bucket)
            {
                emit(page, row);
            }

            return;
        }

        _carry.CopyRow(page, row);
        _carryBucket = bucket;
    }

    /// <summary>Emits the quote of the last open bucket, if any.</summary>
    public void Finish(Action<TickPage, int> emit)
    {
        if (_carry.Count > 0)
        {
            emit(_carry, 0);
            _carry.Reset();
        }
    }

    /// <summary>The bucket of a timestamp (floor division, correct for negative values too).</summary>
    public long Bucket(long ns) => (ns / bucketNs) - ((ns % bucketNs) < 0 ? 1 : 0);
}
