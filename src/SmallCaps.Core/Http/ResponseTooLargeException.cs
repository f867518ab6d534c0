using System.Globalization;

namespace SmallCaps.Core.Http;

/// <summary>A body exceeded <see cref="TransportOptions.MaxResponseBytes"/>.</summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException(int maxBytes)
        : base($"The response body exceeds the {maxBytes.ToString(CultureInfo.InvariantCulture)}-byte limit.")
    {
    }

    public ResponseTooLargeException()
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
