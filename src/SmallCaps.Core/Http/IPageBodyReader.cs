namespace SmallCaps.Core.Http;

/// <summary>How a 2xx body becomes a result: read whole then decoded, or decoded while streaming.</summary>
/// <typeparam name="TResult">The decoded page.</typeparam>
internal interface IPageBodyReader<TResult>
{
    /// <summary>Reads and decodes <paramref name="content"/>; returns the result and the body's byte count.</summary>
    Task<(TResult Result, long Bytes)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken);
}
