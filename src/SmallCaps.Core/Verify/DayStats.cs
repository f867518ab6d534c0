namespace SmallCaps.Core.Verify;

/// <summary>One session's bars folded together: extremes, volume and how many bars.</summary>
internal struct DayStats
{
    public double High;
    public double Low;
    public double Volume;
    public int Bars;

    public void Add(double high, double low, double volume)
    {
        if (Bars == 0)
        {
            High = high;
            Low = low;
        }
        else
        {
            High = Math.Max(High, high);
            Low = Math.Min(Low, low);
        }

        Volume += volume;
        Bars++;
    }

    /// <summary>Folds another part of the same day in (a day may span row groups or files).</summary>
    public void Merge(DayStats other)
    {
        if (other.Bars == 0)
        {
            return;
        }

        if (Bars == 0)
        {
            this = other;
            return;
        }

        High = Math.Max(High, other.High);
        Low = Math.Min(Low, other.Low);
        Volume += other.Volume;
        Bars += other.Bars;
    }
}
