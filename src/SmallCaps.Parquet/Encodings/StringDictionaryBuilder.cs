using System.Runtime.InteropServices;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Encodings;

/// <summary>
/// Builds a column chunk's string dictionary: an open-addressing hash map over the value bytes that
/// assigns indices in first-seen order and keeps the PLAIN dictionary page body as it grows.
/// </summary>
internal sealed class StringDictionaryBuilder : IDisposable
{
    private readonly ByteBuffer _plain = new(4096);
    private int[] _offsets = new int[256];
    private int[] _lengths = new int[256];
    private uint[] _hashes = new uint[256];
    private int[] _buckets = new int[512];
    private int _count;

    public int Count => _count;

    /// <summary>Size of the PLAIN dictionary page body in bytes.</summary>
    public int ByteSize => _plain.Length;

    public ReadOnlySpan<byte> PlainEncoded => _plain.WrittenSpan;

    /// <summary>Memory kept between chunks and files.</summary>
    public long RetainedBytes => _plain.Capacity + (_offsets.Length * 12L) + (_buckets.Length * 4L);

    public ReadOnlySpan<byte> Entry(int index) => _plain.WrittenSpan.Slice(_offsets[index], _lengths[index]);

    public int GetOrAdd(ReadOnlySpan<byte> value)
    {
        var hash = Hash(value);
        var mask = _buckets.Length - 1;
        var slot = (int)(hash & (uint)mask);
        var plain = _plain.WrittenSpan;
        while (true)
        {
            var entry = _buckets[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && plain.Slice(_offsets[entry], _lengths[entry]).SequenceEqual(value))
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }

        return Add(value, hash, slot);
    }

    public void Clear()
    {
        _plain.Clear();
        _count = 0;
        Array.Clear(_buckets);
    }

    public void Dispose() => _plain.Dispose();

    private static uint Hash(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            var h = 0x9E3779B97F4A7C15UL ^ (ulong)s.Length;
            while (s.Length >= 8)
            {
                h = (h ^ MemoryMarshal.Read<ulong>(s)) * 0xFF51AFD7ED558CCDUL;
                h ^= h >> 32;
                s = s[8..];
            }

            ulong tail = 0;
            for (var i = 0; i < s.Length; i++)
            {
                tail |= (ulong)s[i] << (8 * i);
            }

            h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
            h ^= h >> 29;
            h *= 0x9E3779B97F4A7C15UL;
            return (uint)(h >> 32);
        }
    }

    private int Add(ReadOnlySpan<byte> value, uint hash, int slot)
    {
        if (_count == _offsets.Length)
        {
            var size = _count * 2;
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _lengths, size);
            Array.Resize(ref _hashes, size);
        }

        var index = _count++;
        _plain.WriteInt32LittleEndian(value.Length);
        _offsets[index] = _plain.Length;
        _lengths[index] = value.Length;
        _hashes[index] = hash;
        _plain.Write(value);
        _buckets[slot] = index + 1;

        // Keep the table at most half full so probes stay short.
        if (_count * 2 > _buckets.Length)
        {
            Rehash();
        }

        return index;
    }

    private void Rehash()
    {
        var buckets = new int[_buckets.Length * 2];
        var mask = buckets.Length - 1;
        for (var e = 0; e < _count; e++)
        {
            var slot = (int)(_hashes[e] & (uint)mask);
            while (buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            buckets[slot] = e + 1;
        }

        _buckets = buckets;
    }
}
