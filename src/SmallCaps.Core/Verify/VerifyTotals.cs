namespace SmallCaps.Core.Verify;

/// <summary>How much verify read.</summary>
/// <param name="Tasks">Ledger tasks.</param>
/// <param name="Files">Data files checked.</param>
/// <param name="Bytes">Bytes hashed.</param>
/// <param name="Rows">Bars scanned.</param>
/// <param name="Tickers">Tickers checked.</param>
/// <param name="ReferenceSpans">Tickers with list/delist dates from the reference.</param>
/// <param name="Splits">Splits known from the reference.</param>
/// <param name="IngestRunning">A live run held the outdir: its temp files and running tasks were not counted as findings.</param>
/// <param name="TickersWithEvents">Tickers named in the reference's ticker_change events (their expected sessions start at the change).</param>
public sealed record VerifyTotals(int Tasks, int Files, long Bytes, long Rows, int Tickers, int ReferenceSpans, int Splits, bool IngestRunning = false, int TickersWithEvents = 0);
