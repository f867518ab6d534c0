using System.Text.Json;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Api;

/// <summary>
/// Decodes an aggregates body into a <see cref="BarPage"/> chunk by chunk as it arrives: memory is one read buffer
/// (64 KiB) plus, at most, one unfinished token or row carried over to the next chunk. The envelope is read by a
/// resumable <see cref="Utf8JsonReader"/> exactly as <see cref="JsonPageReader"/> reads it; the rows of
/// <c>results</c> bypass it: <see cref="BarRowTemplate"/> takes runs of rows in the vendor's exact form,
/// <see cref="BarRowScanner"/> the other plain ones and <see cref="BarRowReader"/> every other, so pages, envelopes
/// and errors match the whole-body decoder's.
/// </summary>
internal sealed class BarStreamDecoder : IPageStreamDecoder<BarPage>
{
    /// <summary>The read buffer's size.</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>Rows that trigger <see cref="Drain"/> unless set otherwise.</summary>
    public const int DefaultDrainRows = 8192;

    private const int MinBufferSize = 1024;
    private const int ReaderMaxDepth = 64;
    private const int ScannerPatience = 16;
    private const int ScannerRetryEvery = 64;

    private readonly BarPage _page;
    private readonly BarRowReader _fallback;
    private readonly int _bufferSize;
    private byte[] _buffer;

    // The caller's read buffer, returned to after a huge token grew the buffer; null when the decoder owns its own.
    private readonly byte[]? _home;
    private int _start;
    private int _end;
    private long _received;
    private JsonReaderState _json;
    private Stage _stage;
    private Field _field;
    private int _skipDepth;

    // Depth of the rows in the document: the fallback reader sees a row alone, so its depth limit is lowered by this.
    private int _rowDepth;

    // True once a row of the current array was taken: a comma must come next.
    private bool _afterRow;

    // Rows the scanner declined in a row: a page whose every bar has an unusual shape skips it, trying again now and then.
    private int _scannerMisses;

    // Likewise for the template: a page of rows in another form stops paying for its first compares.
    private int _templateMisses;

    /// <summary>Creates a decoder that fills <paramref name="page"/>.</summary>
    public BarStreamDecoder(BarPage page, int bufferSize = ChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, MinBufferSize);
        _page = page;
        _fallback = new BarRowReader(page);
        _bufferSize = bufferSize;
        _buffer = new byte[bufferSize];
    }

    /// <summary>
    /// Creates a decoder that fills <paramref name="page"/> reading into <paramref name="readBuffer"/>, a worker's own
    /// array kept from request to request (a large one would otherwise be a fresh large-object allocation per task).
    /// </summary>
    public BarStreamDecoder(BarPage page, byte[] readBuffer)
    {
        ArgumentNullException.ThrowIfNull(readBuffer);
        ArgumentOutOfRangeException.ThrowIfLessThan(readBuffer.Length, MinBufferSize);
        _page = page;
        _fallback = new BarRowReader(page);
        _bufferSize = readBuffer.Length;
        _buffer = readBuffer;
        _home = readBuffer;
    }

    private enum Stage
    {
        Start,
        Member,
        Value,
        Skip,
        Rows,
        RowsTail,
        SingleRow,
        AfterRoot,
        Done,
    }

    private enum Field
    {
        Unknown,
        Results,
        Status,
        RequestId,
        NextUrl,
        ResultsCount,
        QueryCount,
        Count,
        Ticker,
        Adjusted,
        Message,
    }

    /// <summary>The page being filled.</summary>
    public BarPage Page => _page;

    /// <summary>
    /// Receives the rows decoded so far, mid-body, once <see cref="DrainRows"/> have piled up; the page is emptied after
    /// it returns. Null keeps every row of a body on the page (the whole page comes back from <see cref="Complete"/>).
    /// </summary>
    public Func<BarPage, CancellationToken, ValueTask>? Drain { get; init; }

    /// <summary>Rows that trigger <see cref="Drain"/>.</summary>
    public int DrainRows { get; init; } = DefaultDrainRows;

    /// <summary>Attempts started (<see cref="Reset"/> calls): a consumer of drained rows tells a retry's re-read rows by it.</summary>
    public int Attempts { get; private set; }

    /// <inheritdoc />
    public void Reset()
    {
        Attempts++;
        _page.Envelope.Reset();
        _fallback.Reset();
        if (_buffer.Length > _bufferSize)
        {
            // A huge token grew the buffer once; the next page starts small again (in the worker's array, if given).
            _buffer = _home ?? new byte[_bufferSize];
        }

        _start = 0;
        _end = 0;
        _received = 0;
        _json = default;
        _stage = Stage.Start;
        _field = Field.Unknown;
        _afterRow = false;
        _scannerMisses = 0;
        _templateMisses = 0;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory()
    {
        if (_start > 0)
        {
            // Only an unfinished token or row is carried: the copy is small.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end > _buffer.Length / 2)
        {
            // Only a token or row longer than half the buffer gets here; reads stay at least half a buffer long.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        return _buffer.AsMemory(_end);
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
        _received += count;
        Decode(isFinal: false);
    }

    /// <inheritdoc />
    public ValueTask DrainAsync(CancellationToken cancellationToken) =>
        Drain is { } drain && _page.Count >= DrainRows ? DrainCoreAsync(drain, cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Copies <paramref name="data"/> in and decodes it (for bodies already in memory).</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var free = GetMemory().Span;
            var take = Math.Min(free.Length, data.Length);
            data[..take].CopyTo(free);
            data = data[take..];
            Advance(take);
        }
    }

    /// <inheritdoc />
    public BarPage Complete()
    {
        if (_received == 0)
        {
            throw new PageFormatException("The response body is empty.", isTransient: true);
        }

        Decode(isFinal: true);
        return _stage == Stage.Done ? _page : throw EndedInside();
    }

    private async ValueTask DrainCoreAsync(Func<BarPage, CancellationToken, ValueTask> drain, CancellationToken cancellationToken)
    {
        await drain(_page, cancellationToken);
        _page.Reset();
    }

    private static PageFormatException EndedInside() => new("The response body ended inside the top-level object.", isTransient: true);

    private static int SkipWhitespace(ReadOnlySpan<byte> data, int i)
    {
        while (i < data.Length && data[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    private static Field Identify(ref Utf8JsonReader reader)
    {
        // Same names in the same order as JsonPageReader.
        if (reader.ValueTextEquals("results"u8))
        {
            return Field.Results;
        }

        if (reader.ValueTextEquals("status"u8))
        {
            return Field.Status;
        }

        if (reader.ValueTextEquals("request_id"u8))
        {
            return Field.RequestId;
        }

        if (reader.ValueTextEquals("next_url"u8))
        {
            return Field.NextUrl;
        }

        if (reader.ValueTextEquals("resultsCount"u8))
        {
            return Field.ResultsCount;
        }

        if (reader.ValueTextEquals("queryCount"u8))
        {
            return Field.QueryCount;
        }

        if (reader.ValueTextEquals("count"u8))
        {
            return Field.Count;
        }

        if (reader.ValueTextEquals("ticker"u8))
        {
            return Field.Ticker;
        }

        if (reader.ValueTextEquals("adjusted"u8))
        {
            return Field.Adjusted;
        }

        return reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("message"u8) ? Field.Message : Field.Unknown;
    }

    private static int? Int(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;

    private static string? Status(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        // The two everyday values need no allocation.
        if (reader.ValueTextEquals("OK"u8))
        {
            return "OK";
        }

        return reader.ValueTextEquals("DELAYED"u8) ? "DELAYED" : reader.GetString();
    }

    private void Decode(bool isFinal)
    {
        try
        {
            var more = true;
            while (more)
            {
                more = _stage switch
                {
                    Stage.Rows => ScanRows(isFinal),
                    Stage.SingleRow => ScanSingleRow(isFinal),
                    Stage.Done => false,
                    _ => ReadEnvelope(isFinal),
                };
            }
        }
        catch (JsonException ex)
        {
            // Syntax errors are almost always a body cut short in transit: worth a retry.
            throw new PageFormatException($"The response body is not valid JSON (truncated?): {ex.Message}", isTransient: true, ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader getters throw this for a value of the wrong type (e.g. a string where a number belongs).
            throw new PageFormatException($"The response body has a value of an unexpected type: {ex.Message}", isTransient: false, ex);
        }
        catch (FormatException ex)
        {
            throw new PageFormatException($"The response body has a malformed value: {ex.Message}", isTransient: false, ex);
        }
    }

    // Token by token, mirroring JsonPageReader; returns true when the rows take over, false when it needs more data.
    private bool ReadEnvelope(bool isFinal)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinal, _json);
        while (reader.Read())
        {
            switch (_stage)
            {
                case Stage.Start:
                    _stage = reader.TokenType == JsonTokenType.StartObject
                        ? Stage.Member
                        : throw new PageFormatException("The response body is not a JSON object.", isTransient: true);
                    break;
                case Stage.Member:
                    if (reader.TokenType == JsonTokenType.PropertyName)
                    {
                        _field = Identify(ref reader);
                        _stage = Stage.Value;
                    }
                    else
                    {
                        _stage = reader.TokenType == JsonTokenType.EndObject ? Stage.AfterRoot : throw EndedInside();
                    }

                    break;
                case Stage.Value:
                    _stage = Stage.Member;
                    if (OnValue(ref reader))
                    {
                        Save(ref reader);
                        if (_stage == Stage.SingleRow)
                        {
                            // The row scanners want the row's opening brace, which the reader just took.
                            _start--;
                        }

                        return true;
                    }

                    break;
                case Stage.Skip:
                    if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == _skipDepth)
                    {
                        _stage = Stage.Member;
                    }

                    break;
                case Stage.RowsTail:
                    _stage = reader.TokenType switch
                    {
                        JsonTokenType.EndArray => Stage.Member,

                        // Rows never reach the reader here: the scanner hands over only at a non-object element.
                        JsonTokenType.StartObject => throw new PageFormatException("'results' could not be followed.", isTransient: true),
                        _ => throw new PageFormatException($"'results' holds a {reader.TokenType} where an object belongs.", isTransient: false),
                    };
                    break;
                default:
                    throw new PageFormatException("The response body has data after the top-level object.", isTransient: true);
            }
        }

        Save(ref reader);
        if (isFinal)
        {
            _stage = _stage switch
            {
                Stage.AfterRoot => Stage.Done,
                Stage.Start => throw new PageFormatException("The response body is not a JSON object.", isTransient: true),
                _ => throw EndedInside(),
            };
        }

        return false;
    }

    // The reader is on a member's value; returns true when the rows of 'results' begin.
    private bool OnValue(ref Utf8JsonReader reader)
    {
        var envelope = _page.Envelope;
        switch (_field)
        {
            case Field.Results:
                return OnResults(ref reader);
            case Field.Status:
                envelope.Status = Status(ref reader);
                break;
            case Field.RequestId:
                envelope.RequestId = StringOrSkip(ref reader);
                break;
            case Field.NextUrl:
                envelope.NextUrl = StringOrSkip(ref reader);
                break;
            case Field.Ticker:
                envelope.Ticker = StringOrSkip(ref reader);
                break;
            case Field.Message:
                var text = StringOrSkip(ref reader);
                envelope.VendorMessage ??= text;
                break;
            case Field.ResultsCount:
                envelope.ResultsCount = Int(ref reader);
                break;
            case Field.QueryCount:
                envelope.QueryCount = Int(ref reader);
                break;
            case Field.Count:
                envelope.Count = Int(ref reader);
                break;
            case Field.Adjusted:
                envelope.Adjusted = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => null,
                };
                break;
            default:
                SkipValue(ref reader);
                break;
        }

        return false;
    }

    private bool OnResults(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return false;
            case JsonTokenType.StartArray:
                _rowDepth = reader.CurrentDepth + 1;
                _afterRow = false;
                _stage = Stage.Rows;
                return true;
            case JsonTokenType.StartObject:
                // Single-object endpoints put one row here.
                _rowDepth = reader.CurrentDepth;
                _stage = Stage.SingleRow;
                return true;
            default:
                throw new PageFormatException($"'results' is a {reader.TokenType}, not an array.", isTransient: false);
        }
    }

    private string? StringOrSkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        SkipValue(ref reader);
        return null;
    }

    // Utf8JsonReader.Skip needs the whole value in hand; a streamed skip counts depth token by token instead.
    private void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _skipDepth = reader.CurrentDepth;
            _stage = Stage.Skip;
        }
    }

    private void Save(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _json = reader.CurrentState;
    }

    // The rows of a results array, scanned straight from the buffer; returns true when the reader takes over again.
    private bool ScanRows(bool isFinal)
    {
        var data = _buffer.AsSpan(0, _end);
        while (true)
        {
            var p = SkipWhitespace(data, _start);
            if (p == _end)
            {
                _start = p;
                return NeedMore(isFinal);
            }

            if (data[p] == (byte)']')
            {
                _start = p + 1;
                Feed("]"u8, tokens: 1);
                _stage = Stage.Member;
                return true;
            }

            if (_templateMisses < ScannerPatience || (++_templateMisses % ScannerRetryEvery) == 0)
            {
                // A run of rows in the vendor's exact form at once; the first row of another form takes the path below.
                var next = BarRowTemplate.ReadRows(data, p, _afterRow, _page);
                if (next != p)
                {
                    _start = next;
                    _afterRow = true;
                    _templateMisses = 0;
                    continue;
                }

                if (!isFinal && p > _end - BarRowTemplate.Reach)
                {
                    // Too near the end of what has arrived for the template: the next read brings the rest, and
                    // small network reads do not send every row at a read's edge down the slower path.
                    _start = p;
                    return false;
                }

                _templateMisses++;
            }

            var row = p;
            if (_afterRow)
            {
                if (data[p] != (byte)',')
                {
                    return HandOver(p);
                }

                row = SkipWhitespace(data, row + 1);
                if (row == _end)
                {
                    _start = p;
                    return NeedMore(isFinal);
                }
            }

            if (data[row] != (byte)'{')
            {
                return HandOver(p);
            }

            if (!TakeRow(data[row.._end], isFinal, out var length))
            {
                _start = p;
                return false;
            }

            _start = row + length;
            _afterRow = true;
        }
    }

    private bool ScanSingleRow(bool isFinal)
    {
        if (!TakeRow(_buffer.AsSpan(_start, _end - _start), isFinal, out var length))
        {
            return false;
        }

        _start += length;
        Feed("}"u8, tokens: 1);
        _stage = Stage.Member;
        return true;
    }

    // Adds the row at data[0]; false when it is not complete yet (more data will come).
    private bool TakeRow(ReadOnlySpan<byte> data, bool isFinal, out int length)
    {
        if (_scannerMisses < ScannerPatience || (++_scannerMisses % ScannerRetryEvery) == 0)
        {
            if (BarRowScanner.TryRead(data, _page, out length))
            {
                _scannerMisses = 0;
                return true;
            }

            _scannerMisses++;
        }

        length = JsonObjectExtent.Length(data);
        if (length < 0)
        {
            if (!isFinal)
            {
                return false;
            }

            // The body ends inside this row: the reader says how (a wrong type first is permanent, like today).
            Fallback(data);
            throw EndedInside();
        }

        Fallback(data[..length]);
        return true;
    }

    private void Fallback(ReadOnlySpan<byte> row)
    {
        var reader = new Utf8JsonReader(row, new JsonReaderOptions { MaxDepth = ReaderMaxDepth - _rowDepth });
        reader.Read();
        _fallback.ReadRow(ref reader);
    }

    private static bool NeedMore(bool isFinal) => isFinal ? throw EndedInside() : false;

    // Not an object where a row belongs (or bad syntax): the reader, told of the rows it did not see, decides like today.
    private bool HandOver(int at)
    {
        _start = at;
        if (_afterRow)
        {
            Feed("{}"u8, tokens: 2);
        }

        _stage = Stage.RowsTail;
        return true;
    }

    // Moves the reader's state past structure the scanners consumed (a row, the array's end) without the bytes.
    private void Feed(ReadOnlySpan<byte> synthetic, int tokens)
    {
        var reader = new Utf8JsonReader(synthetic, isFinalBlock: false, _json);
        for (var i = 0; i < tokens; i++)
        {
            reader.Read();
        }

        _json = reader.CurrentState;
    }
}
