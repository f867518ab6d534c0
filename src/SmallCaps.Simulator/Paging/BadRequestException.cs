namespace SmallCaps.Simulator.Paging;

/// <summary>A request the vendor would answer with 400 and this message.</summary>
internal sealed class BadRequestException(string message) : Exception(message);
