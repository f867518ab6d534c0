using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmallCaps.Parquet.Encodings;

/// <summary>
/// A column chunk's dictionary for 4- or 8-byte values: open addressing keyed on the value's bits (so
/// NaN payloads and -0.0/+0.0 stay distinct), indices in first-seen order, entries kept as the PLAIN page body.
/// </summary>
internal sealed class NumericDictionaryBuilder<T>
    where T : unmanaged
{
    private T[] _entries = new T[1024];
    private int[] _buckets = new int[2048];
    private int _count;

    public int Count => _count;

    public int ByteSize => _count * Unsafe.SizeOf<T>();

    /// <summary>The PLAIN-encoded dictionary page body.</summary>
    public ReadOnlySpan<byte> PlainEncoded => MemoryMarshal.AsBytes(_entries.AsSpan(0, _count));

    public ReadOnlySpan<T> Entries => _entries.AsSpan(0, _count);

    /// <summary>Maps every value to its index, adding new ones.</summary>
    public void Map(ReadOnlySpan<T> values, Span<int> indices)
    {
        for (var i = 0; i < values.Length; i++)
        {
            indices[i] = GetOrAdd(values[i]);
        }
    }

    public int GetOrAdd(T value)
    {
        var bits = Bits(value);
        var mask = _buckets.Length - 1;
        var slot = Hash(bits) & mask;
        while (true)
        {
            var entry = _buckets[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (Bits(_entries[entry]) == bits)
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }

        var index = _count++;
        _entries[index] = value;
        _buckets[slot] = index + 1;
        if (_count * 2 > _buckets.Length)
        {
            Rehash();
        }

        return index;
    }

    public void Clear()
    {
        _count = 0;
        Array.Clear(_buckets);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(T value) => Unsafe.SizeOf<T>() == 8 ? Unsafe.As<T, ulong>(ref value) : Unsafe.As<T, uint>(ref value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ulong bits) => unchecked((int)((bits * 0x9E3779B97F4A7C15UL) >> 33));

    private void Rehash()
    {
        var buckets = new int[_buckets.Length * 2];
        var mask = buckets.Length - 1;
        for (var e = 0; e < _count; e++)
        {
            var slot = Hash(Bits(_entries[e])) & mask;
            while (buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            buckets[slot] = e + 1;
        }

        _buckets = buckets;
    }
}
