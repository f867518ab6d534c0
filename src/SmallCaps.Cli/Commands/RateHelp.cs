using System.Globalization;
using SmallCaps.Core.Http;

namespace SmallCaps.Cli.Commands;

/// <summary>The help line of <c>--max-rps</c>, shared by every verb that takes it so it reads the same everywhere.</summary>
internal static class RateHelp
{
    public static readonly string Description = string.Create(
        CultureInfo.InvariantCulture,
        $"Request rate for the whole run: {RatePreset.Forms}; {RatePreset.Range}. [default: {RatePreset.Default}]");
}
