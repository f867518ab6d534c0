using NodaTime;

namespace SmallCaps.Simulator.Market;

/// <summary>A split: <see cref="SplitTo"/> new shares for every <see cref="SplitFrom"/> old ones (reverse when To &lt; From).</summary>
internal sealed record SplitEvent(string Id, LocalDate ExecutionDate, int SplitFrom, int SplitTo)
{
    /// <summary>Old raw price / new raw price across the split.</summary>
    public double Ratio => (double)SplitTo / SplitFrom;
}
