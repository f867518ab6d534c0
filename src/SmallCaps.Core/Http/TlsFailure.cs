using System.Net.Http;
using System.Security.Authentication;

namespace SmallCaps.Core.Http;

/// <summary>Says why a TLS connection failed, from the innermost cause .NET buried under "see inner exception".</summary>
internal static class TlsFailure
{
    private const string TrustHint = "if a corporate proxy inspects TLS, install its root certificate in the operating system's certificate store; the simulator speaks http://, not https://";

    private const string HandshakeHint = "is that port plain HTTP (the simulator speaks http://, not https://), or a proxy in between?";

    /// <summary>The failure of <paramref name="ex"/> as one line, or null when it was no TLS failure; <c>Untrusted</c> when asking again cannot help.</summary>
    public static (string Cause, bool Untrusted)? Explain(HttpRequestException ex)
    {
        if (ex.HttpRequestError != HttpRequestError.SecureConnectionError)
        {
            return null;
        }

        Exception innermost = ex;
        var untrusted = false;
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            innermost = e;

            // The certificate check's own words ("The remote certificate is invalid ...: UntrustedRoot") never change on a retry.
            untrusted |= e is AuthenticationException && e.Message.Contains("remote certificate", StringComparison.OrdinalIgnoreCase);
        }

        var cause = innermost.Message.TrimEnd('.');
        return untrusted
            ? ($"the TLS certificate is not trusted here: {cause}; {TrustHint}", true)
            : ($"the TLS handshake failed: {cause}; {HandshakeHint}", false);
    }
}
