using System.Globalization;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Universe;

/// <summary>How one reference dataset ended this run (thread-safe counters while its chunks run).</summary>
internal sealed class ReferenceDatasetResult(string dataset, int tasks, int settledBefore)
{
    private readonly Lock _gate = new();

    public string Dataset { get; } = dataset;

    /// <summary>Tasks of the dataset and date, settled before or planned now.</summary>
    public int Tasks { get; } = tasks;

    public int SettledBefore { get; } = settledBefore;

    public int Done { get; private set; }

    public int Empty { get; private set; }

    public int Failed { get; private set; }

    public long Rows { get; private set; }

    /// <summary>Members fetched this run (their chunk ended done or empty).</summary>
    public int MembersFetched { get; private set; }

    /// <summary>Members the vendor did not know (404): no rows, not a failure.</summary>
    public int MembersNotFound { get; private set; }

    public string? FirstFailure { get; private set; }

    /// <summary>A note for the summary line (e.g. a file of an earlier version kept as is).</summary>
    public string? Note { get; init; }

    public void Finished(TaskState state, long rows, int members, int notFound, string? failure = null)
    {
        lock (_gate)
        {
            switch (state)
            {
                case TaskState.Done: Done++; break;
                case TaskState.Empty: Empty++; break;
                case TaskState.Failed: Failed++; FirstFailure ??= failure; break;
            }

            if (state != TaskState.Failed)
            {
                Rows += rows;
                MembersFetched += members;
                MembersNotFound += notFound;
            }
        }
    }

    /// <summary>False for the tickers list, whose tasks are listings rather than chunks of members.</summary>
    public bool HasMembers { get; init; } = true;

    public string SummaryLine()
    {
        if (Note is { } note)
        {
            return $"Reference {Dataset}: {note}";
        }

        if (Tasks == SettledBefore)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Reference {Dataset}: {Tasks:N0} {Files(Tasks)}, all already in the lake");
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"Reference {Dataset}: {Tasks:N0} {Files(Tasks)} ({SettledBefore:N0} already in the lake, {Done:N0} written, {Empty:N0} empty, {Failed:N0} failed); {Rows:N0} rows");
        if (HasMembers)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" from {MembersFetched:N0} members fetched, {MembersNotFound:N0} not found (404)");
        }

        return FirstFailure is { } f ? $"{line}; first failure: {f}" : line;
    }

    private static string Files(int count) => count == 1 ? "file" : "files";
}
