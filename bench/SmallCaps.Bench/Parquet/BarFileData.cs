namespace SmallCaps.Bench.Parquet;

/// <summary>
/// One (ticker, year) of minute bars in columns, shaped like the vendor's: prices random-walking in cents
/// (4 decimals under $1), volumes mostly round lots, vw with 4 decimals, a few bars without vw/n.
/// Kept as it was so figures stay comparable between sessions, but note: for seeds 0 ($0.42) and 1 ($2.70) a ±0.3% step
/// rounds back to the same tick, so o/h/l/c hold two or three values per chunk (1 KiB per file); the simulator's bars
/// (<see cref="SimulatorBarFiles"/>, `--data sim`) move every minute and have larger, unrounded volumes.
/// </summary>
internal sealed class BarFileData
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private const long YearStartMs = 1_704_175_200_000; // 2024-01-02 06:00Z, before the pre-market opens

    public BarFileData(string ticker, IReadOnlyList<SmallCaps.Simulator.Truth.SimBar> bars)
    {
        // The simulator's own bars (what ingest-minute writes when pointed at `smallcaps sim`): vw and n always present.
        var rows = bars.Count;
        Ticker = ticker;
        Time = new long[rows];
        SessionDate = new int[rows];
        Open = new double[rows];
        High = new double[rows];
        Low = new double[rows];
        Close = new double[rows];
        Volume = new double[rows];
        Vwap = new double[rows];
        HasVwap = new bool[rows];
        Transactions = new long[rows];
        HasTransactions = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            var b = bars[i];
            Time[i] = b.Timestamp;
            SessionDate[i] = SmallCaps.Core.Calendar.NewYorkTime.SessionDateOfMilliseconds(b.Timestamp).ToDateOnly().DayNumber - EpochDayNumber;
            Open[i] = b.Open;
            High[i] = b.High;
            Low[i] = b.Low;
            Close[i] = b.Close;
            Volume[i] = b.Volume;
            Vwap[i] = b.VolumeWeighted;
            HasVwap[i] = true;
            Transactions[i] = b.Transactions;
            HasTransactions[i] = true;
        }
    }

    public BarFileData(int rows, int seed)
    {
        var rng = new Random(seed);
        Ticker = $"T{seed:D3}X";
        Time = new long[rows];
        SessionDate = new int[rows];
        Open = new double[rows];
        High = new double[rows];
        Low = new double[rows];
        Close = new double[rows];
        Volume = new double[rows];
        Vwap = new double[rows];
        HasVwap = new bool[rows];
        Transactions = new long[rows];
        HasTransactions = new bool[rows];

        // Price levels from sub-dollar to tens of dollars: the decimals a small cap trades in differ by level.
        var anchor = seed % 4 switch { 0 => 0.42, 1 => 2.7, 2 => 8.9, _ => 31.5 };
        var price = anchor;
        var t = YearStartMs;
        var minuteOfDay = 0;
        for (var i = 0; i < rows; i++)
        {
            // ~800 bars a day with gaps (no trade in some minutes), then jump to the next morning.
            t += 60_000L * (rng.NextDouble() < 0.15 ? 2 + rng.Next(4) : 1);
            if (++minuteOfDay >= 800)
            {
                minuteOfDay = 0;
                t = ((t / 86_400_000L) + 1) * 86_400_000L + (11 * 3_600_000L);
            }

            var decimals = price < 1 ? 4 : 2;
            var open = Math.Round(price, decimals);
            var drift = 0.001 * (anchor - open) / anchor;
            var close = Math.Round(Math.Max(0.0001, open * (1 + drift + ((rng.NextDouble() - 0.5) * 0.006))), decimals);
            var high = Math.Round(Math.Max(open, close) * (1 + (rng.NextDouble() * 0.002)), decimals);
            var low = Math.Round(Math.Max(0.0001, Math.Min(open, close) * (1 - (rng.NextDouble() * 0.002))), decimals);
            Time[i] = t;
            SessionDate[i] = (int)((t - (5 * 3_600_000L)) / 86_400_000L);
            Open[i] = open;
            High[i] = high;
            Low[i] = low;
            Close[i] = close;
            Volume[i] = rng.NextDouble() < 0.5 ? 100.0 * (1 + rng.Next(50)) : 1 + rng.Next(20_000);
            HasVwap[i] = rng.Next(200) != 0;
            Vwap[i] = HasVwap[i] ? Math.Round(low + ((high - low) * rng.NextDouble()), 4) : 0;
            HasTransactions[i] = HasVwap[i];
            Transactions[i] = HasTransactions[i] ? 1 + rng.Next(300) : 0;
            price = close;
        }
    }

    public string Ticker { get; }

    public long[] Time { get; }

    public int[] SessionDate { get; }

    public double[] Open { get; }

    public double[] High { get; }

    public double[] Low { get; }

    public double[] Close { get; }

    public double[] Volume { get; }

    public double[] Vwap { get; }

    public bool[] HasVwap { get; }

    public long[] Transactions { get; }

    public bool[] HasTransactions { get; }

    public int Rows => Time.Length;
}
