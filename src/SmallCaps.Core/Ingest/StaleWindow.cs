using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>A done window of adjusted bars that a split executed since its fetch has rewritten at the vendor.</summary>
/// <param name="Task">The window and its file.</param>
/// <param name="ExecutionDate">The split's execution date (the newest, when several apply).</param>
/// <param name="SplitFrom">Old shares of the split.</param>
/// <param name="SplitTo">New shares of the split.</param>
internal sealed record StaleWindow(LedgerTask Task, LocalDate ExecutionDate, double SplitFrom, double SplitTo)
{
    /// <summary>Why the window is fetched again, for the log, e.g. <c>fetched 2025-06-01, before the 1-for-10 split of 2025-06-15</c>.</summary>
    public string Reason => string.Create(
        CultureInfo.InvariantCulture,
        $"fetched {IsoDate.Format(Instant.FromDateTimeOffset(Task.FetchedAt).InZone(NewYorkTime.Zone).Date)}, before the {SplitTo:0.####}-for-{SplitFrom:0.####} split of {IsoDate.Format(ExecutionDate)}");
}
