namespace SmallCaps.Core.Http;

/// <summary>Feeds the body to an <see cref="IPageStreamDecoder{TResult}"/> read by read: memory is the decoder's buffer, not the body.</summary>
internal sealed class StreamedBodyReader<TResult>(IPageStreamDecoder<TResult> decoder) : IPageBodyReader<TResult>
{
    public async Task<(TResult Result, long Bytes)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        // Every attempt starts from an empty page: a body cut short must not leak rows into the retry.
        decoder.Reset();
        long total = 0;
        var stream = await content.ReadAsStreamAsync(cancellationToken);
        await using (stream)
        {
            while (true)
            {
                var read = await stream.ReadAsync(decoder.GetMemory(), cancellationToken);
                if (read == 0)
                {
                    return (decoder.Complete(), total);
                }

                total += read;
                if (total > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes);
                }

                decoder.Advance(read);

                // Rows handed on mid-body keep the page small; the socket waits meanwhile (backpressure).
                try
                {
                    await decoder.DrainAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new PageSinkException(ex);
                }
            }
        }
    }
}
