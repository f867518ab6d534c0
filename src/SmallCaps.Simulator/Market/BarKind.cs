namespace SmallCaps.Simulator.Market;

/// <summary>The base bar series the simulator generates.</summary>
internal enum BarKind
{
    Minute,
    Day,
}
