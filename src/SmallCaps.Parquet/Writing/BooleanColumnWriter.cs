using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Writing;

/// <summary>PLAIN pages for BOOLEAN columns: one bit per value, least significant bit first.</summary>
internal sealed class BooleanColumnWriter : ColumnChunkWriter
{
    private readonly bool[] _values;
    private readonly byte[] _definitions;
    private readonly bool _nullable;
    private int _rows;
    private int _valueCount;
    private bool _seenFalse;
    private bool _seenTrue;
    private long _nullCount;

    public BooleanColumnWriter(LeafColumn leaf, ParquetWriterOptions options, CompressionCodec codec)
        : base(leaf, options, codec)
    {
        _values = new bool[options.PageRows];
        _definitions = new byte[options.PageRows];
        _nullable = leaf.MaxDefinitionLevel > 0;
    }

    public override void Append(ColumnBuffer buffer, int from, int count)
    {
        var source = ((BooleanColumnBuffer)buffer).Values;
        var defined = buffer.Defined;
        while (count > 0)
        {
            var take = Math.Min(count, _values.Length - _rows);
            if (_nullable)
            {
                defined.AsSpan(from, take).CopyTo(_definitions.AsSpan(_rows));
            }

            if (buffer.NullCount == 0)
            {
                source.AsSpan(from, take).CopyTo(_values.AsSpan(_valueCount));
                _valueCount += take;
            }
            else
            {
                for (var i = from; i < from + take; i++)
                {
                    if (defined![i] != 0)
                    {
                        _values[_valueCount++] = source[i];
                    }
                }
            }

            _rows += take;
            from += take;
            count -= take;
            if (_rows == _values.Length)
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

        _nullCount += _rows - _valueCount;
        if (_nullable)
        {
            WriteLevels(_definitions.AsSpan(0, _rows), 1);
        }

        var bytes = (_valueCount + 7) / 8;
        var span = PageBody.GetSpan(bytes)[..bytes];
        var (anyTrue, anyFalse) = BitPacking.PackBooleans(_values.AsSpan(0, _valueCount), span);
        _seenTrue |= anyTrue;
        _seenFalse |= anyFalse;
        PageBody.Advance(bytes);
        EmitDataPage(_rows, ParquetEncoding.Plain);
        _rows = 0;
        _valueCount = 0;
    }

    protected override Format.Statistics BuildStatistics()
    {
        var stats = new Format.Statistics { NullCount = _nullCount };
        if (_seenFalse || _seenTrue)
        {
            stats.MinValue = [_seenFalse ? (byte)0 : (byte)1];
            stats.MaxValue = [_seenTrue ? (byte)1 : (byte)0];
            stats.IsMinValueExact = true;
            stats.IsMaxValueExact = true;
        }

        return stats;
    }

    protected override long RetainedArrayBytes => _values.Length + _definitions.Length;

    protected override void DiscardPendingPage()
    {
        _rows = 0;
        _valueCount = 0;
    }

    protected override void ResetChunk()
    {
        _seenFalse = false;
        _seenTrue = false;
        _nullCount = 0;
    }
}
