namespace SmallCaps.Core.Api;

/// <summary>The top-level fields every Massive list page carries next to <c>results</c>. Reused page after page.</summary>
public sealed class PageEnvelope
{
    /// <summary><c>status</c>: <c>OK</c>, <c>DELAYED</c>, or an error status.</summary>
    public string? Status { get; internal set; }

    /// <summary><c>request_id</c>.</summary>
    public string? RequestId { get; internal set; }

    /// <summary><c>next_url</c>: absent or null on the last page.</summary>
    public string? NextUrl { get; internal set; }

    /// <summary><c>resultsCount</c>, when present.</summary>
    public int? ResultsCount { get; internal set; }

    /// <summary><c>queryCount</c>, when present.</summary>
    public int? QueryCount { get; internal set; }

    /// <summary>The undocumented <c>count</c>, when present.</summary>
    public int? Count { get; internal set; }

    /// <summary><c>ticker</c>, when present.</summary>
    public string? Ticker { get; internal set; }

    /// <summary><c>adjusted</c>, when present.</summary>
    public bool? Adjusted { get; internal set; }

    /// <summary>True when <c>results</c> was there and not null (an empty list answers <c>[]</c>; a glitch, null or nothing).</summary>
    public bool HasResults { get; internal set; }

    /// <summary>The vendor's <c>error</c> or <c>message</c> text, when present.</summary>
    public string? VendorMessage { get; internal set; }

    /// <summary>True when <c>status</c> says the data is delayed (plans without real-time access).</summary>
    public bool IsDelayed => string.Equals(Status, "DELAYED", StringComparison.Ordinal);

    internal void Reset()
    {
        Status = null;
        RequestId = null;
        NextUrl = null;
        ResultsCount = null;
        QueryCount = null;
        Count = null;
        Ticker = null;
        Adjusted = null;
        VendorMessage = null;
        HasResults = false;
    }
}
