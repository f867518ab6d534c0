namespace SmallCaps.Core.Api;

/// <summary>A body that is valid JSON but not the page we expect, or not valid JSON at all (then transient: a retry may get it whole).</summary>
internal sealed class PageFormatException : Exception
{
    public PageFormatException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    public PageFormatException()
    {
    }

    public PageFormatException(string message)
        : base(message)
    {
    }

    public PageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True for syntax errors and truncation, false for well-formed bodies of the wrong shape.</summary>
    public bool IsTransient { get; }
}
