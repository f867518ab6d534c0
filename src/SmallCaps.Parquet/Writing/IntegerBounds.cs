using System.Numerics;
using System.Runtime.InteropServices;

namespace SmallCaps.Parquet.Writing;

/// <summary>Minimum and maximum of a non-empty page of integers, a vector at a time.</summary>
internal static class IntegerBounds
{
    public static (T Min, T Max) Of<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T>
    {
        var min = values[0];
        var max = values[0];
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && values.Length >= Vector<T>.Count)
        {
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            var vmin = vectors[0];
            var vmax = vectors[0];
            for (var v = 1; v < vectors.Length; v++)
            {
                vmin = Vector.Min(vmin, vectors[v]);
                vmax = Vector.Max(vmax, vectors[v]);
            }

            for (var k = 0; k < Vector<T>.Count; k++)
            {
                min = T.Min(min, vmin[k]);
                max = T.Max(max, vmax[k]);
            }

            i = vectors.Length * Vector<T>.Count;
        }

        for (; i < values.Length; i++)
        {
            min = T.Min(min, values[i]);
            max = T.Max(max, values[i]);
        }

        return (min, max);
    }
}
