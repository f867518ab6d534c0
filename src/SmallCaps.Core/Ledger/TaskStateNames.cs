namespace SmallCaps.Core.Ledger;

/// <summary>Text form of <see cref="TaskState"/> as stored in the ledger and shown in summaries.</summary>
public static class TaskStateNames
{
    /// <summary>The stored name, e.g. <c>not-found</c>.</summary>
    public static string ToName(this TaskState state) => state switch
    {
        TaskState.Pending => "pending",
        TaskState.Running => "running",
        TaskState.Done => "done",
        TaskState.Empty => "empty",
        TaskState.NotFound => "not-found",
        TaskState.NotEntitled => "not-entitled",
        TaskState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Parses a stored name.</summary>
    public static TaskState Parse(string name) => name switch
    {
        "pending" => TaskState.Pending,
        "running" => TaskState.Running,
        "done" => TaskState.Done,
        "empty" => TaskState.Empty,
        "not-found" => TaskState.NotFound,
        "not-entitled" => TaskState.NotEntitled,
        "failed" => TaskState.Failed,
        _ => throw new FormatException($"Unknown task state '{name}' in the ledger."),
    };

    /// <summary>States a planner never fetches again: the window is settled.</summary>
    public static bool IsSettled(this TaskState state) => state is TaskState.Done or TaskState.Empty or TaskState.NotFound;
}
