using System.Buffers;

namespace SmallCaps.Core.Http;

/// <summary>Turns a complete response body into a result; the body is only valid during the call.</summary>
/// <typeparam name="TResult">What the page decodes to (often a reused column buffer).</typeparam>
public delegate TResult PageDecoder<TResult>(ReadOnlySequence<byte> body);
