using System.Numerics;
using System.Runtime.InteropServices;

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
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            // Whole vectors first; a vector holding a NaN leaves the rest to the scalar loop, which counts NaNs.
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
            var vmin = new Vector<double>(double.PositiveInfinity);
            var vmax = new Vector<double>(double.NegativeInfinity);
            var v = 0;
            for (; v < vectors.Length; v++)
            {
                var x = vectors[v];
                if (!Vector.EqualsAll(x, x))
                {
                    break;
                }

                vmin = Vector.Min(vmin, x);
                vmax = Vector.Max(vmax, x);
            }

            for (var k = 0; k < Vector<double>.Count; k++)
            {
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
            }

            i = v * Vector<double>.Count;
        }

        var nans = 0;
        for (; i < values.Length; i++)
        {
            var x = values[i];
            if (double.IsNaN(x))
            {
                nans++;
                continue;
            }

            // Math.Min/Max order -0.0 below +0.0, like the vector path; the writer normalises zero bounds anyway.
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        return (min, max, nans);
    }
}
