using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SmallCaps.Core.Api;

/// <summary>The order check every batch of bars passes on its way to the lake, a vector of times at a time.</summary>
internal static class AscendingTimes
{
    /// <summary>Whether every time is greater than the one before it (true for none or one).</summary>
    public static bool Strictly(ReadOnlySpan<long> time)
    {
        // Each vector of times against the same times one on: all greater, or not ascending.
        var i = 1;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var t = ref MemoryMarshal.GetReference(time);
            for (; i + Vector256<long>.Count <= time.Length; i += Vector256<long>.Count)
            {
                if (!Vector256.GreaterThanAll(Vector256.LoadUnsafe(ref t, (nuint)i), Vector256.LoadUnsafe(ref t, (nuint)(i - 1))))
                {
                    return false;
                }
            }
        }

        for (; i < time.Length; i++)
        {
            if (time[i] <= time[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
