using System.Reflection;
using System.Runtime.Loader;

namespace SmallCaps.Bench.Parquet;

/// <summary>Loads a bench build's own assemblies from its folder (the framework's come from the default context).</summary>
internal sealed class BenchCopyLoadContext : AssemblyLoadContext
{
    private readonly string _folder;

    public BenchCopyLoadContext(string folder)
        : base(folder)
    {
        _folder = folder;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
