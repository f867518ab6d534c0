using System.Buffers;

namespace SmallCaps.Core.Http;

/// <summary>A whole response body in one array rented from the shared pool; return it with <see cref="Dispose"/>.</summary>
internal sealed class ResponseBody : IDisposable
{
    private const int DefaultInitialSize = 64 * 1024;

    private byte[] _buffer;

    private ResponseBody(byte[] buffer) => _buffer = buffer;

    /// <summary>Bytes held.</summary>
    public int Length { get; private set; }

    /// <summary>The body as a sequence for <see cref="PageDecoder{TResult}"/>.</summary>
    public ReadOnlySequence<byte> Sequence => new(_buffer, 0, Length);

    /// <summary>Reads <paramref name="content"/> to the end; throws <see cref="ResponseTooLargeException"/> past <paramref name="maxBytes"/>.</summary>
    public static async Task<ResponseBody> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        // Content-Length is absent for compressed bodies: start small and double.
        var body = new ResponseBody(ArrayPool<byte>.Shared.Rent(declared is > 0 ? (int)declared.Value + 1 : DefaultInitialSize));
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken);
            await using (stream)
            {
                while (true)
                {
                    if (body.Length == body._buffer.Length)
                    {
                        body.Grow(maxBytes);
                    }

                    var read = await stream.ReadAsync(body._buffer.AsMemory(body.Length), cancellationToken);
                    if (read == 0)
                    {
                        return body;
                    }

                    body.Length += read;
                    if (body.Length > maxBytes)
                    {
                        throw new ResponseTooLargeException(maxBytes);
                    }
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Length = 0;
    }

    private void Grow(int maxBytes)
    {
        if (Length >= maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, (long)maxBytes + 1));
        _buffer.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
