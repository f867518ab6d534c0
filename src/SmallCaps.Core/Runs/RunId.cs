using System.Globalization;

namespace SmallCaps.Core.Runs;

/// <summary>Run ids: sortable UTC start time plus a short random suffix, safe as a file name.</summary>
internal static class RunId
{
    /// <summary>A new id such as <c>20261121T073500Z-3f9a</c>.</summary>
    public static string New(TimeProvider clock) => string.Create(
        CultureInfo.InvariantCulture,
        $"{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Random.Shared.Next(0x10000):x4}");
}
