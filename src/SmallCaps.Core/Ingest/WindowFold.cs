using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Adjoining settled windows of one partition that become one ledger row without touching a file: the kept row (the
/// done one, else the first empty one) widens to <see cref="Window"/> and the absorbed empty rows go.
/// </summary>
/// <param name="Kept">The row that stays, with its file, bars and fetch time unchanged.</param>
/// <param name="Window">The kept row's window after the fold: the first folded window's start to the last one's end.</param>
/// <param name="Absorbed">Ids of the empty rows whose days the kept row now covers.</param>
internal sealed record WindowFold(LedgerTask Kept, TaskKey Window, IReadOnlyList<long> Absorbed);
