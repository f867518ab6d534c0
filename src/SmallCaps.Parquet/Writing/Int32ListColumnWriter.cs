using System.Runtime.InteropServices;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Writing;

/// <summary>
/// Pages for a three-level LIST of required INT32: repetition level 0 starts a row, 1 continues it;
/// definition levels tell a null list (0), an empty list (max - 1) and an element (max). Pages end on row boundaries.
/// </summary>
internal sealed class Int32ListColumnWriter : ColumnChunkWriter
{
    private readonly int _maxDefinition;
    private byte[] _repetitions;
    private byte[] _definitions;
    private int[] _values;
    private int _levels;
    private int _valueCount;
    private int _min;
    private int _max;
    private bool _hasBounds;
    private long _nullCount;

    public Int32ListColumnWriter(LeafColumn leaf, ParquetWriterOptions options, CompressionCodec codec)
        : base(leaf, options, codec)
    {
        _maxDefinition = leaf.MaxDefinitionLevel;
        _repetitions = new byte[options.PageRows];
        _definitions = new byte[options.PageRows];
        _values = new int[options.PageRows];
    }

    public override void Append(ColumnBuffer buffer, int from, int count)
    {
        var lists = (Int32ListColumnBuffer)buffer;
        var offsets = lists.Offsets;
        var elements = lists.Elements;
        var defined = buffer.Defined;
        var pageRows = Options.PageRows;
        var pageBytes = Options.PageBytes;
        for (var row = from; row < from + count; row++)
        {
            var start = offsets[row];
            var length = offsets[row + 1] - start;
            Reserve(Math.Max(1, length));
            if (defined is not null && defined[row] == 0)
            {
                AddLevel(0, 0);
                _nullCount++;
            }
            else if (length == 0)
            {
                AddLevel(0, (byte)(_maxDefinition - 1));
                _nullCount++;
            }
            else
            {
                var max = (byte)_maxDefinition;
                AddLevel(0, max);
                for (var k = 1; k < length; k++)
                {
                    AddLevel(1, max);
                }

                elements.AsSpan(start, length).CopyTo(_values.AsSpan(_valueCount));
                _valueCount += length;
            }

            if (_levels >= pageRows || _valueCount * 4 >= pageBytes)
            {
                FlushPage();
            }
        }
    }

    protected override void FlushPage()
    {
        if (_levels == 0)
        {
            return;
        }

        var values = _values.AsSpan(0, _valueCount);
        foreach (var v in values)
        {
            if (!_hasBounds)
            {
                _min = v;
                _max = v;
                _hasBounds = true;
            }
            else if (v < _min)
            {
                _min = v;
            }
            else if (v > _max)
            {
                _max = v;
            }
        }

        WriteLevels(_repetitions.AsSpan(0, _levels), 1);
        WriteLevels(_definitions.AsSpan(0, _levels), _maxDefinition);
        PageBody.Write(MemoryMarshal.AsBytes(values));
        EmitDataPage(_levels, ParquetEncoding.Plain);
        _levels = 0;
        _valueCount = 0;
    }

    protected override Format.Statistics BuildStatistics()
    {
        var stats = new Format.Statistics { NullCount = _nullCount };
        if (_hasBounds)
        {
            stats.MinValue = BitConverter.GetBytes(_min);
            stats.MaxValue = BitConverter.GetBytes(_max);
            stats.IsMinValueExact = true;
            stats.IsMaxValueExact = true;
        }

        return stats;
    }

    protected override long RetainedArrayBytes => _repetitions.Length + _definitions.Length + (_values.Length * 4L);

    protected override void DiscardPendingPage()
    {
        _levels = 0;
        _valueCount = 0;
    }

    protected override void ResetChunk()
    {
        _hasBounds = false;
        _nullCount = 0;
    }

    private void AddLevel(byte repetition, byte definition)
    {
        _repetitions[_levels] = repetition;
        _definitions[_levels] = definition;
        _levels++;
    }

    private void Reserve(int levels)
    {
        var needed = _levels + levels;
        if (needed > _repetitions.Length)
        {
            var size = Math.Max(needed, _repetitions.Length * 2);
            Array.Resize(ref _repetitions, size);
            Array.Resize(ref _definitions, size);
        }

        if (_valueCount + levels > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(_valueCount + levels, _values.Length * 2));
        }
    }
}
