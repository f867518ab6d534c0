using System.Diagnostics;

namespace SmallCaps.Core.Http;

/// <summary>
/// The Massive API key. Holds the secret so that nothing prints it by accident:
/// <see cref="ToString"/> and the debugger show <c>***</c>; only the transport reads the value.
/// </summary>
[DebuggerDisplay("***")]
public sealed class ApiKey
{
    private readonly string _secret;

    private ApiKey(string secret) => _secret = secret;

    /// <summary>Wraps a key; throws when it is empty or holds whitespace or control characters.</summary>
    public static ApiKey Create(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (!IsWellFormed(trimmed))
        {
            // The message never echoes the value: it is a secret even when malformed.
            throw new ArgumentException("The API key is empty or contains spaces or control characters.", nameof(value));
        }

        return new ApiKey(trimmed);
    }

    /// <summary>True when <paramref name="value"/> would make a usable key.</summary>
    public static bool IsWellFormed(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            // A key goes into an HTTP header: whitespace or control characters would break or inject it.
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c > '\u007e')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Always <c>***</c>.</summary>
    public override string ToString() => "***";

    /// <summary>The secret itself; only for the Authorization header and for scrubbing text.</summary>
    internal string Reveal() => _secret;
}
