namespace SmallCaps.Core.Http;

/// <summary>A key found by <see cref="ApiKeyResolver"/> and a description of where, safe to print.</summary>
/// <param name="Key">The key (prints as <c>***</c>).</param>
/// <param name="Source">Which lookup step found it.</param>
/// <param name="Description">For logs, e.g. <c>MASSIVE_API_KEY in /home/me/.env</c>; never holds the key.</param>
public sealed record ApiKeyResolution(ApiKey Key, ApiKeySource Source, string Description);
