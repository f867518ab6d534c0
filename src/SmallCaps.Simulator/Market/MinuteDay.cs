namespace SmallCaps.Simulator.Market;

/// <summary>A reusable buffer holding one listing-day of raw minute bars (only minutes with trades).</summary>
internal sealed class MinuteDay
{
    public const int MinutesPerDay = 960;

    public int Count { get; set; }

    /// <summary>Unix ms of 04:00 New York on the day.</summary>
    public long DayStartMs { get; set; }

    public int VolumeScale { get; set; }

    /// <summary>Offset (minutes after 04:00) where the regular session ends: 720 (16:00) or 540 on early-close days.</summary>
    public int RegularEnd { get; set; }

    public int[] Offset { get; } = new int[MinutesPerDay];

    public double[] Open { get; } = new double[MinutesPerDay];

    public double[] High { get; } = new double[MinutesPerDay];

    public double[] Low { get; } = new double[MinutesPerDay];

    public double[] Close { get; } = new double[MinutesPerDay];

    public long[] VolumeUnits { get; } = new long[MinutesPerDay];

    public long[] Trades { get; } = new long[MinutesPerDay];

    public double[] VolumeWeighted { get; } = new double[MinutesPerDay];

    /// <summary>Trades of the day before this minute (sequence numbers reset daily).</summary>
    public long[] TradesBefore { get; } = new long[MinutesPerDay];

    public long TimestampMs(int i) => DayStartMs + (Offset[i] * 60_000L);
}
