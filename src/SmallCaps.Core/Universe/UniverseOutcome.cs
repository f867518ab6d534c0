using System.Globalization;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Core.Universe;

/// <summary>
/// How a <c>select-universe</c> run ended: the selection (null when the tickers list or the details could not be
/// completed, so no universe was written), the reference datasets' results, and the exit code of the contract.
/// </summary>
internal sealed record UniverseOutcome(UniverseSelection? Selection, IReadOnlyList<ReferenceDatasetResult> Reference, string? Failure)
{
    public int FailedTasks => Reference.Sum(r => r.Failed);

    /// <summary>0 when everything is settled; 1 when a task failed (a re-run resumes).</summary>
    public int ExitCode => Failure is null && FailedTasks == 0 ? ExitCodes.Ok : ExitCodes.SomeFailed;

    public string Summary() =>
        (Selection is { } s ? string.Create(CultureInfo.InvariantCulture, $"universe {s.Members.Count:N0} tickers") : "no universe written")
        + string.Create(CultureInfo.InvariantCulture, $"; reference files written {Reference.Sum(r => r.Done):N0}, empty {Reference.Sum(r => r.Empty):N0}, failed {FailedTasks:N0}");
}
