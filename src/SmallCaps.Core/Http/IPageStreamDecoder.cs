namespace SmallCaps.Core.Http;

/// <summary>
/// Decodes a response body chunk by chunk as it arrives, so a request holds one small buffer instead of its
/// whole body. The transport calls <see cref="Reset"/> at the start of every attempt, then
/// <see cref="GetMemory"/>/<see cref="Advance"/>/<see cref="DrainAsync"/> per network read, then <see cref="Complete"/> at the end.
/// </summary>
/// <typeparam name="TResult">What the page decodes to (often a reused column buffer).</typeparam>
internal interface IPageStreamDecoder<out TResult>
{
    /// <summary>Forgets everything from an earlier (possibly failed) attempt.</summary>
    void Reset();

    /// <summary>Free space for the next network read; valid until <see cref="Advance"/>.</summary>
    Memory<byte> GetMemory();

    /// <summary>Decodes what it can of the <paramref name="count"/> bytes just written into <see cref="GetMemory"/>.</summary>
    void Advance(int count);

    /// <summary>Hands what is decoded so far to its consumer when enough has piled up (after each <see cref="Advance"/>).</summary>
    ValueTask DrainAsync(CancellationToken cancellationToken);

    /// <summary>The body ended: decodes the rest, throws when the document is incomplete, returns the page.</summary>
    TResult Complete();
}
