namespace SmallCaps.Simulator.Market;

/// <summary>
/// A listing's raw (unadjusted) day: OHLC on the raw price grid, volume in units (shares, or hundredths of a
/// share from 2026), trades, and how many minutes trade in each part of the day. Minutes are derived from it.
/// </summary>
internal readonly record struct DaySummary(
    double Open,
    double High,
    double Low,
    double Close,
    long VolumeUnits,
    long Trades,
    double VolumeWeighted,
    int PreMinutes,
    int RegularMinutes,
    int PostMinutes,
    int VolumeScale)
{
    public int ActiveMinutes => PreMinutes + RegularMinutes + PostMinutes;
}
