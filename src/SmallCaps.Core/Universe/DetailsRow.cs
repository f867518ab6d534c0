using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>The answer to one details request; <paramref name="Details"/> is null when the vendor did not know the ticker then.</summary>
internal sealed record DetailsRow(DetailsRequest Request, TickerRecord? Details);
