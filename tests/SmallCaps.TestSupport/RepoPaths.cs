namespace SmallCaps.TestSupport;

/// <summary>Locates the repository root and the shared fixtures beside it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds PolygonIngest.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>../shared as seen from the repository root.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>../shared/fixtures.</summary>
    public static string Fixtures => Path.Combine(Shared, "fixtures");

    /// <summary>tests/oracle: the Node project holding DuckDB and the vendor JS client.</summary>
    public static string OracleDir => Path.Combine(Root, "tests", "oracle");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolygonIngest.sln")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException($"PolygonIngest.sln not found above {AppContext.BaseDirectory}.");
    }
}
