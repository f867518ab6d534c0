using SmallCaps.Core.Api;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// One page of trades or quotes as column buffers, reused page after page. Every field the vendor documents
/// has a column with a presence flag, so absent and null fields stay distinguishable; ns timestamps are int64.
/// </summary>
internal sealed class TickPage
{
    public int Count { get; private set; }

    public PageEnvelope Envelope { get; } = new();

    /// <summary>Whether the body held a <c>results</c> array (a <c>null</c> or missing one may be a glitch).</summary>
    public bool HadResultsArray { get; set; }

    public OptionalColumn<long> SipTimestamp { get; } = new();

    public OptionalColumn<long> ParticipantTimestamp { get; } = new();

    public OptionalColumn<long> TrfTimestamp { get; } = new();

    public OptionalColumn<long> SequenceNumber { get; } = new();

    public OptionalColumn<int> Tape { get; } = new();

    public OptionalListColumn<int> Conditions { get; } = new();

    // Trades.
    public OptionalColumn<double> Price { get; } = new();

    public OptionalColumn<double> Size { get; } = new();

    public OptionalColumn<int> Exchange { get; } = new();

    public OptionalListColumn<byte> Id { get; } = new();

    public OptionalColumn<int> Correction { get; } = new();

    public OptionalColumn<int> TrfId { get; } = new();

    public OptionalListColumn<byte> DecimalSize { get; } = new();

    // Quotes.
    public OptionalColumn<double> BidPrice { get; } = new();

    public OptionalColumn<double> BidSize { get; } = new();

    public OptionalColumn<int> BidExchange { get; } = new();

    public OptionalColumn<double> AskPrice { get; } = new();

    public OptionalColumn<double> AskSize { get; } = new();

    public OptionalColumn<int> AskExchange { get; } = new();

    public OptionalListColumn<int> Indicators { get; } = new();

    public void Reset()
    {
        Count = 0;
        HadResultsArray = false;
        SipTimestamp.Reset();
        ParticipantTimestamp.Reset();
        TrfTimestamp.Reset();
        SequenceNumber.Reset();
        Tape.Reset();
        Conditions.Reset();
        Price.Reset();
        Size.Reset();
        Exchange.Reset();
        Id.Reset();
        Correction.Reset();
        TrfId.Reset();
        DecimalSize.Reset();
        BidPrice.Reset();
        BidSize.Reset();
        BidExchange.Reset();
        AskPrice.Reset();
        AskSize.Reset();
        AskExchange.Reset();
        Indicators.Reset();
    }

    /// <summary>Starts a row with every field absent.</summary>
    public void AddRow()
    {
        Count++;
        SipTimestamp.AddRow();
        ParticipantTimestamp.AddRow();
        TrfTimestamp.AddRow();
        SequenceNumber.AddRow();
        Tape.AddRow();
        Conditions.AddRow();
        Price.AddRow();
        Size.AddRow();
        Exchange.AddRow();
        Id.AddRow();
        Correction.AddRow();
        TrfId.AddRow();
        DecimalSize.AddRow();
        BidPrice.AddRow();
        BidSize.AddRow();
        BidExchange.AddRow();
        AskPrice.AddRow();
        AskSize.AddRow();
        AskExchange.AddRow();
        Indicators.AddRow();
    }

    /// <summary>Appends row <paramref name="row"/> of <paramref name="source"/> (the sampler keeps a page's last quote this way).</summary>
    public void CopyRow(TickPage source, int row)
    {
        Count++;
        SipTimestamp.CopyRow(source.SipTimestamp, row);
        ParticipantTimestamp.CopyRow(source.ParticipantTimestamp, row);
        TrfTimestamp.CopyRow(source.TrfTimestamp, row);
        SequenceNumber.CopyRow(source.SequenceNumber, row);
        Tape.CopyRow(source.Tape, row);
        Conditions.CopyRow(source.Conditions, row);
        Price.CopyRow(source.Price, row);
        Size.CopyRow(source.Size, row);
        Exchange.CopyRow(source.Exchange, row);
        Id.CopyRow(source.Id, row);
        Correction.CopyRow(source.Correction, row);
        TrfId.CopyRow(source.TrfId, row);
        DecimalSize.CopyRow(source.DecimalSize, row);
        BidPrice.CopyRow(source.BidPrice, row);
        BidSize.CopyRow(source.BidSize, row);
        BidExchange.CopyRow(source.BidExchange, row);
        AskPrice.CopyRow(source.AskPrice, row);
        AskSize.CopyRow(source.AskSize, row);
        AskExchange.CopyRow(source.AskExchange, row);
        Indicators.CopyRow(source.Indicators, row);
    }
}
