using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Reading;

internal static class FixturePaths
{
    public static string Of(string name) => Path.Combine(RepoPaths.Fixtures, "parquet-testing", name);
}
