namespace SmallCaps.Core.Http;

/// <summary>A key source held a value that cannot be a key. The message names the source, never the value.</summary>
public sealed class ApiKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ApiKeyException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ApiKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
