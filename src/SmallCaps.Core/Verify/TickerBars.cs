using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>One ticker's bars folded per session date, and the windows the ledger says were fetched.</summary>
internal sealed class TickerBars(string ticker)
{
    public string Ticker { get; } = ticker;

    public Dictionary<int, DayStats> Daily { get; } = [];

    public Dictionary<int, DayStats> Minute { get; } = [];

    public List<(LocalDate Start, LocalDate End)> DailyWindows { get; } = [];

    public List<(LocalDate Start, LocalDate End)> MinuteWindows { get; } = [];

    public bool? DailyAdjusted { get; set; }

    public bool? MinuteAdjusted { get; set; }

    public static bool InWindows(List<(LocalDate Start, LocalDate End)> windows, LocalDate date) =>
        windows.Exists(w => w.Start <= date && date <= w.End);
}
