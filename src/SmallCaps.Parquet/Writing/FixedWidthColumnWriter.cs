using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Writing;

/// <summary>
/// Pages for INT32, INT64 and DOUBLE columns: PLAIN little-endian bytes copied in bulk, or (when the
/// column opts in with <see cref="ColumnSpec.Dictionary"/>) RLE_DICTIONARY while the chunk's dictionary
/// stays small and pays off, PLAIN for the rest of the chunk after that; or DELTA_BINARY_PACKED for integer
/// columns that ask for <see cref="ColumnEncoding.DeltaBinaryPacked"/>; doubles that ask for
/// <see cref="ColumnEncoding.ByteStreamSplit"/> get BYTE_STREAM_SPLIT pages instead of PLAIN ones (after the dictionary, if any).
/// An append that brings at least a quarter page at a page boundary is encoded straight from the batch (pages then hold
/// a quarter page to PageRows rows); shorter appends are copied into the writer's page arrays first.
/// </summary>
internal sealed class FixedWidthColumnWriter<T> : ColumnChunkWriter
    where T : unmanaged, INumber<T>
{
    // Values of a chunk's first page mapped between checks of whether its dictionary can still pay off.
    private const int FirstPageSlice = 1024;

    private readonly T[] _values;
    private readonly byte[] _definitions;
    private readonly bool _nullable;
    private readonly bool _dictionaryEnabled;
    private readonly bool _delta;
    private readonly bool _split;
    private readonly NumericDictionaryBuilder<T>? _dictionary;
    private readonly int[] _indices;
    private bool _dictionaryMode;
    private bool _dictionaryHasNaN;
    private bool _firstPageOfChunk = true;
    private int _rows;
    private int _valueCount;
    private T _min;
    private T _max;
    private bool _hasBounds;
    private long _nullCount;
    private long _nanCount;

    public FixedWidthColumnWriter(LeafColumn leaf, ParquetWriterOptions options, CompressionCodec codec)
        : base(leaf, options, codec)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The Parquet writer needs a little-endian machine.");
        }

        _values = new T[options.PageRows];
        _definitions = new byte[options.PageRows];
        _nullable = leaf.MaxDefinitionLevel > 0;
        _delta = leaf.Spec.Encoding == ColumnEncoding.DeltaBinaryPacked && typeof(T) != typeof(double);
        _split = leaf.Spec.Encoding == ColumnEncoding.ByteStreamSplit && typeof(T) == typeof(double);
        _dictionaryEnabled = !_delta && leaf.Spec.Dictionary && options.DictionaryPageLimitBytes > 0;
        _dictionary = _dictionaryEnabled ? new NumericDictionaryBuilder<T>() : null;
        _dictionaryMode = _dictionaryEnabled;
        _indices = _dictionaryEnabled ? new int[options.PageRows] : [];
    }

    /// <summary>Bench switch (`bar-files --snappy-general`): PLAIN pages of 8-byte values go through the general Snappy search when false.</summary>
    internal static bool Values8Snappy { get; set; } = true;

    /// <summary>
    /// Rows an Append must bring for its values to be encoded as a page straight from the batch (no copy into this
    /// writer's page arrays): pages then hold anything from this many rows to PageRows.
    /// </summary>
    internal int MinDirectPageRows => Math.Max(1, _values.Length / 4);

    public override void Append(ColumnBuffer buffer, int from, int count)
    {
        var source = ValuesOf(buffer);
        var defined = buffer.Defined;
        var hasNulls = buffer.NullCount > 0;
        var pageRows = _values.Length;
        var minDirect = MinDirectPageRows;
        while (count > 0)
        {
            if (_rows == 0 && count >= minDirect)
            {
                // A whole page's worth at a page boundary: encode it from the batch itself.
                var rows = Math.Min(count, pageRows);
                var definitions = _nullable ? defined.AsSpan(from, rows) : default;
                var values = source.AsSpan(from, rows);
                if (hasNulls)
                {
                    values = _values.AsSpan(0, Compact(values, definitions, _values, 0));
                }

                EncodePage(values, definitions, rows);
                from += rows;
                count -= rows;
                continue;
            }

            // A short tail waits in the page arrays; when a long append follows, the tail is topped up to the minimum
            // page and written, so the long append starts a direct page instead of being copied page after page.
            var take = Math.Min(count, pageRows - _rows);
            var topUp = Math.Max(0, minDirect - _rows);
            if (_rows > 0 && count - topUp >= minDirect)
            {
                take = topUp;
            }

            if (take > 0)
            {
                Stage(source, defined, hasNulls, from, take);
                from += take;
                count -= take;
            }

            if (_rows == pageRows || (_rows > 0 && count >= minDirect))
            {
                FlushPage();
            }
        }
    }

    protected override void FlushPage()
    {
        if (_rows == 0)
        {
            return;
        }

        EncodePage(_values.AsSpan(0, _valueCount), _nullable ? _definitions.AsSpan(0, _rows) : default, _rows);
        _rows = 0;
        _valueCount = 0;
    }

    /// <summary>Copies rows [from, from + take) into the pending page.</summary>
    private void Stage(T[] source, byte[]? defined, bool hasNulls, int from, int take)
    {
        if (_nullable)
        {
            defined.AsSpan(from, take).CopyTo(_definitions.AsSpan(_rows));
        }

        if (!hasNulls)
        {
            source.AsSpan(from, take).CopyTo(_values.AsSpan(_valueCount));
            _valueCount += take;
        }
        else
        {
            _valueCount = Compact(source.AsSpan(from, take), defined.AsSpan(from, take), _values, _valueCount);
        }

        _rows += take;
    }

    /// <summary>Encodes one data page of <paramref name="rows"/> rows: the present <paramref name="values"/> and, for a nullable column, every row's definition level.</summary>
    private void EncodePage(ReadOnlySpan<T> values, ReadOnlySpan<byte> definitions, int rows)
    {
        _nullCount += rows - values.Length;
        if (_nullable)
        {
            WriteLevels(definitions, 1);
        }

        var entriesBefore = _dictionary?.Count ?? 0;
        if (_delta)
        {
            UpdateBounds(values);
            if (typeof(T) == typeof(long))
            {
                DeltaBinaryPackedEncoder.Encode(MemoryMarshal.Cast<T, long>(values), PageBody);
            }
            else
            {
                DeltaBinaryPackedEncoder.Encode(MemoryMarshal.Cast<T, int>(values), PageBody);
            }

            EmitDataPage(rows, ParquetEncoding.DeltaBinaryPacked);
        }
        else if (_dictionaryMode && !values.IsEmpty && TryWriteDictionaryIndices(values))
        {
            UpdateBoundsFromNewEntries(values, entriesBefore);
            EmitDataPage(rows, ParquetEncoding.RleDictionary);
        }
        else if (_split)
        {
            // Split columns without a dictionary, and the pages after a split column's dictionary stopped paying off.
            UpdateBounds(values);
            ByteStreamSplitEncoder.Encode(MemoryMarshal.Cast<T, double>(values), PageBody);
            EmitDataPage(rows, ParquetEncoding.ByteStreamSplit);
        }
        else
        {
            UpdateBounds(values);
            var valuesAt = PageBody.Length;
            PageBody.Write(MemoryMarshal.AsBytes(values));
            EmitDataPage(rows, ParquetEncoding.Plain, Unsafe.SizeOf<T>() == 8 && Values8Snappy ? valuesAt : -1);
        }
    }

    protected override void FinishChunk()
    {
        if (_dictionary is { Count: > 0 })
        {
            EmitDictionaryPage(_dictionary.PlainEncoded, _dictionary.Count, typeof(T) == typeof(double) && Values8Snappy);
        }
    }

    protected override Format.Statistics BuildStatistics()
    {
        var stats = new Format.Statistics { NullCount = _nullCount };
        if (typeof(T) == typeof(double))
        {
            stats.NanCount = _nanCount;
        }

        if (_hasBounds)
        {
            var min = _min;
            var max = _max;
            if (typeof(T) == typeof(double))
            {
                // The spec asks for -0.0 as a zero minimum and +0.0 as a zero maximum.
                if (T.IsZero(min))
                {
                    min = (T)(object)-0.0;
                }

                if (T.IsZero(max))
                {
                    max = (T)(object)0.0;
                }
            }

            stats.MinValue = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in min)).ToArray();
            stats.MaxValue = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in max)).ToArray();
            stats.IsMinValueExact = true;
            stats.IsMaxValueExact = true;
        }

        return stats;
    }

    protected override long RetainedArrayBytes => ((long)_values.Length * Unsafe.SizeOf<T>()) + _definitions.Length + (_indices.Length * 4L) + (_dictionary?.RetainedBytes ?? 0);

    protected override void DiscardPendingPage()
    {
        _rows = 0;
        _valueCount = 0;
    }

    protected override void ResetChunk()
    {
        _dictionary?.Clear();
        _dictionaryMode = _dictionaryEnabled;
        _dictionaryHasNaN = false;
        _firstPageOfChunk = true;
        _hasBounds = false;
        _nullCount = 0;
        _nanCount = 0;
    }

    /// <summary>
    /// Bounds of a dictionary-encoded page: its distinct values are the chunk's dictionary, so only the entries this page
    /// added can move them (a few per page instead of every value). NaNs are counted per value, so once the chunk's
    /// dictionary holds a NaN its pages are scanned in full.
    /// </summary>
    private void UpdateBoundsFromNewEntries(ReadOnlySpan<T> values, int entriesBefore)
    {
        var added = _dictionary!.Entries[entriesBefore..];
        if (typeof(T) == typeof(double))
        {
            if (!_dictionaryHasNaN && DoubleBounds.Of(MemoryMarshal.Cast<T, double>(added)).NaNs > 0)
            {
                _dictionaryHasNaN = true;
            }

            if (_dictionaryHasNaN)
            {
                UpdateBounds(values);
                return;
            }
        }

        UpdateBounds(added);
    }

    /// <summary>Writes the page's dictionary indices, or returns false (writing nothing) when the dictionary does not pay off.</summary>
    private bool TryWriteDictionaryIndices(ReadOnlySpan<T> values)
    {
        var dictionary = _dictionary!;
        var indices = _indices.AsSpan(0, values.Length);
        var firstPage = _firstPageOfChunk;
        _firstPageOfChunk = false;
        var plainBytes = (long)values.Length * Unsafe.SizeOf<T>();
        if (firstPage)
        {
            // Mapped a slice at a time: the dictionary and the index width only grow, so once a slice shows the test below
            // must fail, the rest of the page (mostly new values to add, for a column of distinct ones) is not mapped.
            for (var at = 0; at < values.Length; at += FirstPageSlice)
            {
                var slice = Math.Min(FirstPageSlice, values.Length - at);
                dictionary.Map(values.Slice(at, slice), indices.Slice(at, slice));
                if (!DictionaryMayPayOff(dictionary, values.Length, plainBytes))
                {
                    break;
                }
            }
        }
        else
        {
            dictionary.Map(values, indices);
        }

        var bitWidth = Math.Max(1, RleHybridEncoder.BitWidth((uint)(dictionary.Count - 1)));
        if (firstPage && !DictionaryMayPayOff(dictionary, values.Length, plainBytes))
        {
            // Mostly distinct values (timestamps, say): PLAIN is smaller and faster for this chunk.
            dictionary.Clear();
            _dictionaryMode = false;
            return false;
        }

        // Indices: one bit-width byte, then the hybrid runs; a 1-entry dictionary uses width 1.
        PageBody.WriteByte((byte)bitWidth);
        RleHybridEncoder.Encode<int>(indices, bitWidth, PageBody);
        if (dictionary.ByteSize > Options.DictionaryPageLimitBytes)
        {
            _dictionaryMode = false;
        }

        return true;
    }

    /// <summary>Whether a first page of <paramref name="count"/> values with the dictionary as it stands is small enough to keep the dictionary (entries plus packed indices within 3/4 of PLAIN).</summary>
    private static bool DictionaryMayPayOff(NumericDictionaryBuilder<T> dictionary, int count, long plainBytes)
    {
        var bitWidth = Math.Max(1, RleHybridEncoder.BitWidth((uint)(dictionary.Count - 1)));
        return dictionary.ByteSize + (((long)count * bitWidth) / 8) <= plainBytes * 3 / 4;
    }

    /// <summary>Appends the present values to <paramref name="target"/> from <paramref name="at"/>; returns the new end.</summary>
    private static int Compact(ReadOnlySpan<T> source, ReadOnlySpan<byte> defined, T[] target, int at)
    {
        // Branch-free: every value is stored, and the end only advances past present ones (flags are 0 or 1).
        var values = target.AsSpan(at, source.Length);
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            values[n] = source[i];
            n = unchecked(n + defined[i]);
        }

        return at + n;
    }

    private static T[] ValuesOf(ColumnBuffer buffer)
    {
        if (typeof(T) == typeof(int))
        {
            return Unsafe.As<T[]>(((Int32ColumnBuffer)buffer).Values);
        }

        if (typeof(T) == typeof(long))
        {
            return Unsafe.As<T[]>(((Int64ColumnBuffer)buffer).Values);
        }

        return Unsafe.As<T[]>(((DoubleColumnBuffer)buffer).Values);
    }

    private void UpdateBounds(ReadOnlySpan<T> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        if (typeof(T) == typeof(double))
        {
            UpdateDoubleBounds(MemoryMarshal.Cast<T, double>(values));
            return;
        }

        var (min, max) = IntegerBounds.Of(values);
        if (_hasBounds)
        {
            min = T.Min(min, _min);
            max = T.Max(max, _max);
        }

        _min = min;
        _max = max;
        _hasBounds = true;
    }

    private void UpdateDoubleBounds(ReadOnlySpan<double> values)
    {
        var (min, max, nans) = DoubleBounds.Of(values);
        _nanCount += nans;
        if (nans == values.Length)
        {
            return;
        }

        if (_hasBounds)
        {
            min = Math.Min(min, (double)(object)_min);
            max = Math.Max(max, (double)(object)_max);
        }

        _min = (T)(object)min;
        _max = (T)(object)max;
        _hasBounds = true;
    }
}
