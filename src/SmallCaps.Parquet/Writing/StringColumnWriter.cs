using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Writing;

/// <summary>
/// BYTE_ARRAY (UTF-8) pages: RLE_DICTIONARY with a PLAIN dictionary page while the chunk's dictionary
/// stays under the limit, PLAIN for the rest of the chunk after that (or always, without a dictionary).
/// </summary>
internal sealed class StringColumnWriter : ColumnChunkWriter
{
    /// <summary>Longer bounds are left out rather than written untruncated into the footer.</summary>
    private const int MaxStatisticsBytes = 4096;

    /// <summary>Rows a repeat of the previous value must still cover before the rest of the page is checked in one go.</summary>
    private const int MinBulkRun = 64;

    private readonly bool _nullable;
    private readonly bool _dictionaryEnabled;
    private readonly StringDictionaryBuilder? _dictionary;
    private readonly int[] _indices;
    private readonly byte[] _definitions;
    private readonly ByteBuffer _plain = new(1 << 16);
    private bool _dictionaryMode;
    private int _rows;
    private int _valueCount;
    private byte[]? _min;
    private byte[]? _max;
    private long _nullCount;

    public StringColumnWriter(LeafColumn leaf, ParquetWriterOptions options, CompressionCodec codec)
        : base(leaf, options, codec)
    {
        _nullable = leaf.MaxDefinitionLevel > 0;
        _dictionaryEnabled = leaf.Spec.Dictionary && options.DictionaryPageLimitBytes > 0;
        _dictionary = _dictionaryEnabled ? new StringDictionaryBuilder() : null;
        _dictionaryMode = _dictionaryEnabled;
        _indices = new int[options.PageRows];
        _definitions = new byte[options.PageRows];
    }

    public override void Append(ColumnBuffer buffer, int from, int count)
    {
        var strings = (StringColumnBuffer)buffer;
        var offsets = strings.Offsets;
        var data = strings.Data;
        var defined = buffer.Defined;
        var pageRows = _indices.Length;
        var limit = Options.DictionaryPageLimitBytes;
        var pageBytes = Options.PageBytes;

        // Sorted inputs repeat the previous value (ticker runs): skip the hash lookup for those.
        var lastStart = -1;
        var lastLength = 0;
        var lastIndex = -1;
        var end = from + count;
        var i = from;
        if (defined is null && _dictionaryMode)
        {
            i = AppendRequiredToDictionary(offsets, data, strings.IsUniform, from, end);
        }

        for (; i < end; i++)
        {
            var present = defined is null || defined[i] != 0;
            if (_nullable)
            {
                _definitions[_rows] = present ? (byte)1 : (byte)0;
            }

            // The page ends when full, or early when the dictionary (it only grows on an add) or PLAIN bytes pass their limit.
            var full = false;
            if (present)
            {
                var start = offsets[i];
                var length = offsets[i + 1] - start;
                var value = data.AsSpan(start, length);
                if (_dictionaryMode)
                {
                    if (length != lastLength || lastIndex < 0 || !SameBytes(data, start, lastStart, length))
                    {
                        lastIndex = _dictionary!.GetOrAdd(value);
                        full = _dictionary.ByteSize > limit;
                    }

                    lastStart = start;
                    lastLength = length;
                    _indices[_valueCount++] = lastIndex;
                }
                else
                {
                    _plain.WriteInt32LittleEndian(length);
                    _plain.Write(value);
                    UpdateBounds(value);
                    _valueCount++;
                    full = _plain.Length >= pageBytes;
                }
            }

            _rows++;
            if (full || _rows == pageRows)
            {
                FlushPage();
                lastIndex = -1;
            }
        }
    }

    public override void Dispose()
    {
        _plain.Dispose();
        _dictionary?.Dispose();
        base.Dispose();
    }

    protected override void FlushPage()
    {
        if (_rows == 0)
        {
            return;
        }

        _nullCount += _rows - _valueCount;
        if (_nullable)
        {
            WriteLevels(_definitions.AsSpan(0, _rows), 1);
        }

        if (_dictionaryMode && _dictionary!.Count > 0 && _valueCount > 0)
        {
            // Indices: one bit-width byte, then the hybrid runs (no length prefix); a 1-entry dictionary uses width 1.
            var bitWidth = Math.Max(1, RleHybridEncoder.BitWidth((uint)(_dictionary.Count - 1)));
            PageBody.WriteByte((byte)bitWidth);
            RleHybridEncoder.Encode<int>(_indices.AsSpan(0, _valueCount), bitWidth, PageBody);
            EmitDataPage(_rows, ParquetEncoding.RleDictionary);
            if (_dictionary.ByteSize > Options.DictionaryPageLimitBytes)
            {
                _dictionaryMode = false;
            }
        }
        else
        {
            // Also the all-null page of a dictionary column whose dictionary is still empty.
            PageBody.Write(_plain.WrittenSpan);
            _plain.Clear();
            EmitDataPage(_rows, ParquetEncoding.Plain);
        }

        _rows = 0;
        _valueCount = 0;
    }

    protected override void FinishChunk()
    {
        if (_dictionary is { Count: > 0 })
        {
            for (var e = 0; e < _dictionary.Count; e++)
            {
                UpdateBounds(_dictionary.Entry(e));
            }

            EmitDictionaryPage(_dictionary.PlainEncoded, _dictionary.Count);
        }
    }

    protected override Format.Statistics BuildStatistics()
    {
        var stats = new Format.Statistics { NullCount = _nullCount };
        if (_min is not null && _max is not null && _min.Length <= MaxStatisticsBytes && _max.Length <= MaxStatisticsBytes)
        {
            stats.MinValue = _min;
            stats.MaxValue = _max;
            stats.IsMinValueExact = true;
            stats.IsMaxValueExact = true;
        }

        return stats;
    }

    protected override long RetainedArrayBytes => (_indices.Length * 4L) + _definitions.Length + _plain.Capacity + (_dictionary?.RetainedBytes ?? 0);

    protected override void DiscardPendingPage()
    {
        _rows = 0;
        _valueCount = 0;
        _plain.Clear();
    }

    protected override void ResetChunk()
    {
        _dictionary?.Clear();
        _dictionaryMode = _dictionaryEnabled;
        _min = null;
        _max = null;
        _nullCount = 0;
    }

    /// <summary>
    /// The common case (a REQUIRED dictionary column, e.g. the ticker of a bar file) with state in locals:
    /// a value equal to the previous row's costs one masked compare. Returns where it stopped: the end, or the
    /// row after the page on which the chunk switched to PLAIN.
    /// </summary>
    private int AppendRequiredToDictionary(int[] offsets, byte[] data, bool uniform, int from, int end)
    {
        var dictionary = _dictionary!;
        var indices = _indices;
        var limit = Options.DictionaryPageLimitBytes;
        var rows = _rows;
        var valueCount = _valueCount;
        var lastStart = -1;
        var lastLength = -1;
        var lastIndex = -1;
        var noBulkBefore = from;
        for (var i = from; i < end; i++)
        {
            var start = offsets[i];
            var length = offsets[i + 1] - start;
            var full = false;
            var run = Math.Min(end, i + indices.Length - rows) - i;
            if (i >= noBulkBefore && run >= MinBulkRun && length == lastLength && SameBytes(data, start, lastStart, length))
            {
                // A uniform buffer (one repeated value) needs no check.
                if (!uniform && !IsRun(offsets, data, i, run))
                {
                    // Not this page: try again only after it, so a broken run costs one scan, not one per row.
                    noBulkBefore = i + run;
                    goto OneRow;
                }

                // The rest of this page repeats the previous row's value (a bar file's ticker): fill its indices at once.
                indices.AsSpan(valueCount, run).Fill(lastIndex);
                valueCount += run;
                rows += run;
                i += run - 1;
                lastStart = offsets[i];
                if (rows == indices.Length)
                {
                    _rows = rows;
                    _valueCount = valueCount;
                    FlushPage();
                    rows = 0;
                    valueCount = 0;
                    lastLength = -1;
                    if (!_dictionaryMode)
                    {
                        return i + 1;
                    }
                }

                continue;
            }

        OneRow:
            if (length != lastLength || !SameBytes(data, start, lastStart, length))
            {
                lastIndex = dictionary.GetOrAdd(data.AsSpan(start, length));
                full = dictionary.ByteSize > limit;
            }

            lastStart = start;
            lastLength = length;
            indices[valueCount++] = lastIndex;
            rows++;
            if (full || rows == indices.Length)
            {
                _rows = rows;
                _valueCount = valueCount;
                FlushPage();
                rows = 0;
                valueCount = 0;
                lastLength = -1;
                if (!_dictionaryMode)
                {
                    return i + 1;
                }
            }
        }

        _rows = rows;
        _valueCount = valueCount;
        return end;
    }

    /// <summary>Whether rows [<paramref name="first"/>, first + <paramref name="count"/>) all hold row <paramref name="first"/>'s bytes: equal lengths, and the bytes repeat with that period.</summary>
    private static bool IsRun(int[] offsets, byte[] data, int first, int count)
    {
        var start = offsets[first];
        var length = offsets[first + 1] - start;
        if (offsets[first + count] - start != count * length)
        {
            return false;
        }

        for (var i = first + 1; i < first + count; i++)
        {
            if (offsets[i + 1] - offsets[i] != length)
            {
                return false;
            }
        }

        // Each row equals the one before it exactly when the whole stretch equals itself shifted by one row.
        var total = count * length;
        return data.AsSpan(start + length, total - length).SequenceEqual(data.AsSpan(start, total - length));
    }

    /// <summary>Whether data[a..a+length] equals data[b..b+length]; short values (tickers) compare as one masked 8-byte word.</summary>
    private static bool SameBytes(byte[] data, int a, int b, int length)
    {
        if (length <= 8 && Math.Max(a, b) <= data.Length - 8)
        {
            var mask = length == 8 ? ulong.MaxValue : (1UL << (8 * length)) - 1;
            var x = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref data[a]);
            var y = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref data[b]);
            return ((x ^ y) & mask) == 0;
        }

        return data.AsSpan(a, length).SequenceEqual(data.AsSpan(b, length));
    }

    private void UpdateBounds(ReadOnlySpan<byte> value)
    {
        // Unsigned byte order of UTF-8 is code point order, which is what readers compare with.
        if (_min is null || value.SequenceCompareTo(_min) < 0)
        {
            _min = value.ToArray();
        }

        if (_max is null || value.SequenceCompareTo(_max) > 0)
        {
            _max = value.ToArray();
        }
    }
}
