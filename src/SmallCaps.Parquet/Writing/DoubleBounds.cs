using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SmallCaps.Parquet.Writing;

/// <summary>Minimum, maximum and NaN count of a page of doubles, NaN excluded from the bounds (statistics need all three).</summary>
internal static class DoubleBounds
{
    /// <summary>Bounds of the non-NaN values (infinities when there are none) and how many values are NaN.</summary>
    public static (double Min, double Max, int NaNs) Of(ReadOnlySpan<double> values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= 2 * Vector256<double>.Count)
        {
            // Two vectors a step with the native min/max (one instruction each) and no branch: NaNs are only noted on the
            // way; a page holding any goes to the scalar loop from the start, which counts them and leaves them out.
            ref var first = ref MemoryMarshal.GetReference(values);
            var lanes = Vector256<double>.Count;
            var vmin = Vector256.Create(double.PositiveInfinity);
            var vmax = Vector256.Create(double.NegativeInfinity);
            var nan = Vector256<double>.Zero;
            for (; i <= values.Length - (2 * lanes); i += 2 * lanes)
            {
                var a = Vector256.LoadUnsafe(ref first, (nuint)i);
                var b = Vector256.LoadUnsafe(ref first, (nuint)(i + lanes));
                vmin = Vector256.MinNative(vmin, Vector256.MinNative(a, b));
                vmax = Vector256.MaxNative(vmax, Vector256.MaxNative(a, b));
                nan |= Vector256.IsNaN(a) | Vector256.IsNaN(b);
            }

            if (nan == Vector256<double>.Zero)
            {
                for (var k = 0; k < lanes; k++)
                {
                    min = Math.Min(min, vmin.GetElement(k));
                    max = Math.Max(max, vmax.GetElement(k));
                }
            }
            else
            {
                i = 0;
            }
        }

        return Scalar(values, i, min, max);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (double Min, double Max, int NaNs) Scalar(ReadOnlySpan<double> values, int from, double min, double max)
    {
        var nans = 0;
        for (var i = from; i < values.Length; i++)
        {
            var x = values[i];
            if (double.IsNaN(x))
            {
                nans++;
                continue;
            }

            // Math.Min/Max order -0.0 below +0.0 (the vector loop need not: the writer normalises zero bounds anyway).
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        return (min, max, nans);
    }
}
