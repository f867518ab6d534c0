using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmallCaps.Core.Manifest;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// A short digest of a task's windows, kept in the ledger's <c>timespan</c> column (<c>trades:1a2b...</c>) so a
/// later run can tell that a manifest changed the windows of a session it already settled.
/// </summary>
internal static class WindowFingerprint
{
    public static string Of(TickKind kind, IReadOnlyList<ManifestWindow> windows)
    {
        var text = new StringBuilder();
        foreach (var w in windows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{w.StartNs}-{w.EndNs};");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString())))[..16];
        return $"{(kind == TickKind.Trades ? "trades" : "quotes")}:{hash}";
    }
}
