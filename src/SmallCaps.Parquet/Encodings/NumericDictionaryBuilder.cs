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
    private int _shift = 64 - 11;
    private int _count;

    public int Count => _count;

    public int ByteSize => _count * Unsafe.SizeOf<T>();

    /// <summary>Memory kept between chunks and files.</summary>
    public long RetainedBytes => ((long)_entries.Length * Unsafe.SizeOf<T>()) + (_buckets.Length * 4L);

    /// <summary>The PLAIN-encoded dictionary page body.</summary>
    public ReadOnlySpan<byte> PlainEncoded => MemoryMarshal.AsBytes(_entries.AsSpan(0, _count));

    public ReadOnlySpan<T> Entries => _entries.AsSpan(0, _count);

    /// <summary>Maps every value to its index, adding new ones.</summary>
    /// <remarks>
    /// Never inlined: profile-guided inlining put the loop into the writer's WriteAsync state machine, where too few registers
    /// were left and the output ref went to the stack, each lookup waiting on the previous one's store to it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Map(ReadOnlySpan<T> values, Span<int> indices)
    {
        if (values.IsEmpty)
        {
            return;
        }

        indices = indices[..values.Length];

        // The table as locals: a value found at its home slot (most lookups) costs two loads and no call. Every value is
        // looked up, even a repeat of the previous one: skipping repeats made a data-dependent branch that mispredicted
        // on bar prices and cost more than the lookups it saved, while independent lookups overlap in the CPU. The loop
        // walks refs to the current value and output and stops at a ref to the end: with a counter, a length and the two
        // bases live across the (rare) adding call, the JIT kept the counter on the stack and every lookup waited on it.
        ref var buckets = ref MemoryMarshal.GetArrayDataReference(_buckets);
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        var shift = _shift;
        var room = Room;
        ref var value = ref MemoryMarshal.GetReference(values);
        ref var end = ref Unsafe.Add(ref value, values.Length);
        ref var output = ref MemoryMarshal.GetReference(indices);
        unchecked
        {
            while (Unsafe.IsAddressLessThan(ref value, ref end))
            {
                var bits = Bits(value);
                ref var home = ref Unsafe.Add(ref buckets, Slot(bits, shift));
                var entry = home - 1;
                if (entry < 0 && _count < room)
                {
                    // An empty home slot: the value is new and, while the arrays have room, is added here without a call.
                    entry = _count++;
                    Unsafe.Add(ref entries, entry) = value;
                    home = entry + 1;
                }
                else if (entry < 0 || Bits(Unsafe.Add(ref entries, entry)) != bits)
                {
                    // Probing on, or adding (which may grow and move the arrays).
                    entry = GetOrAdd(bits);
                    buckets = ref MemoryMarshal.GetArrayDataReference(_buckets);
                    entries = ref MemoryMarshal.GetArrayDataReference(_entries);
                    shift = _shift;
                    room = Room;
                }

                output = entry;
                value = ref Unsafe.Add(ref value, 1);
                output = ref Unsafe.Add(ref output, 1);
            }
        }
    }

    public int GetOrAdd(T value) => GetOrAdd(Bits(value));

    /// <summary>Entries that can be added without growing either array (the table stays at most half full).</summary>
    private int Room => Math.Min(_entries.Length, _buckets.Length / 2);

    public void Clear()
    {
        _count = 0;
        Array.Clear(_buckets);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(T value) => Unsafe.SizeOf<T>() == 8 ? Unsafe.As<T, ulong>(ref value) : Unsafe.As<T, uint>(ref value);

    // Fibonacci hashing takes the product's top bits, which depend on every input bit: whole numbers stored
    // as doubles (volumes) have all-zero low mantissa bits and collided badly when low bits picked the slot.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ulong bits, int shift) => unchecked((int)((bits * 0x9E3779B97F4A7C15UL) >> shift));

    private int GetOrAdd(ulong bits)
    {
        var buckets = _buckets;
        var mask = buckets.Length - 1;
        var home = Slot(bits, _shift);
        var slot = home;
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        while (true)
        {
            var entry = buckets[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (Bits(Unsafe.Add(ref entries, entry)) == bits)
            {
                if (slot != home)
                {
                    // Found away from home: swap it with the home slot's entry so its next lookups hit at once (prices
                    // repeat in streaks). Nothing is ever removed, so every slot from either entry's home to its new slot
                    // stays occupied and both remain reachable by probing.
                    buckets[slot] = buckets[home];
                    buckets[home] = entry + 1;
                }

                return entry;
            }

            slot = (slot + 1) & mask;
        }

        return Add(bits, slot);
    }

    private int Add(ulong bits, int slot)
    {
        var value = Unsafe.SizeOf<T>() == 8 ? Unsafe.As<ulong, T>(ref bits) : FromUInt32((uint)bits);
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

    private static T FromUInt32(uint bits) => Unsafe.As<uint, T>(ref bits);

    private void Rehash()
    {
        var buckets = new int[_buckets.Length * 2];
        var mask = buckets.Length - 1;
        var shift = _shift - 1;
        for (var e = 0; e < _count; e++)
        {
            var slot = Slot(Bits(_entries[e]), shift);
            while (buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            buckets[slot] = e + 1;
        }

        _buckets = buckets;
        _shift = shift;
    }
}
