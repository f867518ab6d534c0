namespace SmallCaps.Core.Http;

/// <summary>Reads the whole body into one pooled array, then decodes it (ticks, reference data).</summary>
internal sealed class WholeBodyReader<TResult>(PageDecoder<TResult> decode) : IPageBodyReader<TResult>
{
    public async Task<(TResult Result, long Bytes)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        using var body = await ResponseBody.ReadAsync(content, maxBytes, cancellationToken);
        return (decode(body.Sequence), body.Length);
    }
}
