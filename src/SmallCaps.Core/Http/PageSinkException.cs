namespace SmallCaps.Core.Http;

/// <summary>
/// Carries an error of the code the rows were handed to mid-body (the file writer): it is not the body's fault, so the
/// transport must not take it for a cut connection and retry. The transport rethrows the inner exception as it was.
/// </summary>
internal sealed class PageSinkException(Exception inner) : Exception(inner.Message, inner);
