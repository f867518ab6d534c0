namespace SmallCaps.Core.Universe;

/// <summary>The rows one member contributes to its chunk; <paramref name="NotFound"/> when the vendor answered 404 (no rows, not a failure).</summary>
internal readonly record struct MemberAnswer<T>(IReadOnlyList<T> Rows, bool NotFound);
