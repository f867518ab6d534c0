using System.Text;

namespace SmallCaps.Parquet;

/// <summary>Values of a UTF-8 String column, stored as contiguous bytes plus offsets.</summary>
public sealed class StringColumnBuffer : ColumnBuffer
{
    private int[] _offsets;
    private byte[] _data;
    private bool _uniform;

    internal StringColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
        _offsets = new int[Capacity + 1];
        _data = new byte[Capacity * 8];
    }

    /// <summary>Row i's bytes are <c>Data[Offsets[i]..Offsets[i + 1]]</c> (empty for nulls).</summary>
    internal int[] Offsets => _offsets;

    internal byte[] Data => _data;

    /// <summary>Every row holds the same bytes: the buffer was filled by one <see cref="AppendRepeated"/> (a bar file's ticker).</summary>
    internal bool IsUniform => _uniform;

    /// <summary>Appends a string (null appends a null row).</summary>
    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        if (Count == Capacity)
        {
            Grow();
        }

        var start = _offsets[Count];
        EnsureData(start, Encoding.UTF8.GetMaxByteCount(value.Length));
        _uniform = false;
        var written = Encoding.UTF8.GetBytes(value, _data.AsSpan(start));
        _offsets[Count + 1] = start + written;
        MarkAndAdvance(true);
    }

    /// <summary>Appends a string given as UTF-8 bytes (not validated).</summary>
    public void Append(ReadOnlySpan<byte> utf8)
    {
        if (Count == Capacity)
        {
            Grow();
        }

        var start = _offsets[Count];
        EnsureData(start, utf8.Length);
        _uniform = false;
        utf8.CopyTo(_data.AsSpan(start));
        _offsets[Count + 1] = start + utf8.Length;
        MarkAndAdvance(true);
    }

    /// <summary>Appends the same UTF-8 bytes (not validated) as <paramref name="count"/> rows.</summary>
    public void AppendRepeated(ReadOnlySpan<byte> utf8, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        // A file's ticker arrives in several slices per batch; the same bytes again keep the buffer uniform.
        var stillUniform = Count == 0 || (_uniform && utf8.SequenceEqual(_data.AsSpan(0, _offsets[1])));
        var at = Reserve(count);
        var start = _offsets[at];
        EnsureData(start, checked(utf8.Length * count));
        var total = utf8.Length * count;
        var data = _data.AsSpan(start, total);
        if (count > 0)
        {
            // One copy of the value, then the filled part doubles: a few large copies instead of one small copy per row.
            utf8.CopyTo(data);
            for (var filled = utf8.Length; filled < total; filled *= 2)
            {
                data[..Math.Min(filled, total - filled)].CopyTo(data[filled..]);
            }
        }

        var offsets = _offsets.AsSpan(at + 1, count);
        var end = start;
        for (var i = 0; i < offsets.Length; i++)
        {
            end += utf8.Length;
            offsets[i] = end;
        }

        MarkRange(at, count);
        _uniform = stillUniform;
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        ThrowIfRequired();
        if (Count == Capacity)
        {
            Grow();
        }

        _offsets[Count + 1] = _offsets[Count];
        _uniform = false;
        MarkAndAdvance(false);
    }

    internal override void Clear()
    {
        base.Clear();
        _offsets[0] = 0;
        _uniform = false;
    }

    private protected override void ResizeValues(int capacity) => Array.Resize(ref _offsets, capacity + 1);

    private void EnsureData(int start, int extra)
    {
        var needed = checked(start + extra);
        if (needed > _data.Length)
        {
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(needed, _data.Length * 2L)));
        }
    }
}
