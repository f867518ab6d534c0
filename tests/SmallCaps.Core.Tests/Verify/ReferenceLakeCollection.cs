namespace SmallCaps.Core.Tests.Verify;

/// <summary>Test classes sharing one reference lake.</summary>
[CollectionDefinition(Name)]
public sealed class ReferenceLakeCollection : ICollectionFixture<ReferenceLakeFixture>
{
    public const string Name = "reference-lake";
}
