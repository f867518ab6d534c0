namespace SmallCaps.Core.Tests.Verify;

/// <summary>Test classes sharing one ingested lake (each test still works on its own copy).</summary>
[CollectionDefinition(Name)]
public sealed class SimLakeCollection : ICollectionFixture<SimLakeFixture>
{
    public const string Name = "sim-lake";
}
