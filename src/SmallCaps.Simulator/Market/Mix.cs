namespace SmallCaps.Simulator.Market;

/// <summary>Stateless deterministic randomness: every value is a hash of its coordinates (SplitMix64 finaliser).</summary>
internal static class Mix
{
    public static ulong Hash(ulong a)
    {
        a += 0x9E3779B97F4A7C15UL;
        a = (a ^ (a >> 30)) * 0xBF58476D1CE4E5B9UL;
        a = (a ^ (a >> 27)) * 0x94D049BB133111EBUL;
        return a ^ (a >> 31);
    }

    public static ulong Hash(ulong a, ulong b) => Hash(Hash(a) ^ (b * 0xD6E8FEB86659FD93UL));

    public static ulong Hash(ulong a, ulong b, ulong c) => Hash(Hash(a, b) ^ (c * 0xA0761D6478BD642FUL));

    public static ulong Hash(ulong a, ulong b, ulong c, ulong d) => Hash(Hash(a, b, c) ^ (d * 0xE7037ED1A0B428DBUL));

    /// <summary>Uniform in [0, 1).</summary>
    public static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));

    /// <summary>Approximately standard normal from one hash: Irwin-Hall sum of its four 16-bit quarters (cheap, tails cut at ±3.46).</summary>
    public static double Normal(ulong h)
    {
        var sum = (h & 0xFFFF) + ((h >> 16) & 0xFFFF) + ((h >> 32) & 0xFFFF) + (h >> 48);
        return ((sum / 65536.0) - 2.0) * 1.7320508075688772;
    }

    /// <summary>Uniform integer in [0, n).</summary>
    public static int Below(ulong h, int n) => (int)((h >> 33) % (ulong)n);
}
