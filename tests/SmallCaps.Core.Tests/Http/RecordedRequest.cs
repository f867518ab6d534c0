namespace SmallCaps.Core.Tests.Http;

/// <summary>A request as the stub saw it.</summary>
internal sealed record RecordedRequest(int Index, string PathAndQuery, string? Authorization, string? AcceptEncoding);
