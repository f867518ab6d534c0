using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>A done window to fetch again, whole, into a file that replaces its own (see <see cref="SplitRefresher"/>).</summary>
/// <param name="Task">The window and its file.</param>
/// <param name="Reason">Why, for the log.</param>
/// <param name="KeepIfFewerBars">Keep the old file when the vendor now returns fewer bars (nothing says the old ones are wrong).</param>
/// <param name="ClearsTailRecheck">A window an older build may have settled early (see <see cref="LateTails"/>): its mark goes with the replace.</param>
internal sealed record RefetchWindow(LedgerTask Task, string Reason, bool KeepIfFewerBars, bool ClearsTailRecheck = false);
