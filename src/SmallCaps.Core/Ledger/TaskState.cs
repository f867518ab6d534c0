namespace SmallCaps.Core.Ledger;

/// <summary>Where a task stands. Stored as lower-case text in the ledger.</summary>
public enum TaskState
{
    /// <summary>Planned, not fetched yet (or abandoned by an interrupted run).</summary>
    Pending,

    /// <summary>Being fetched by a live run.</summary>
    Running,

    /// <summary>File committed; rows, bytes and sha256 recorded.</summary>
    Done,

    /// <summary>The vendor returned no bars for the window: no file.</summary>
    Empty,

    /// <summary>The vendor does not know the ticker (404).</summary>
    NotFound,

    /// <summary>The plan does not cover this data (403).</summary>
    NotEntitled,

    /// <summary>Gave up after retries; the reason is in last_error. A re-run tries again.</summary>
    Failed,
}
