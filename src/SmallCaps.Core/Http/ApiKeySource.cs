namespace SmallCaps.Core.Http;

/// <summary>Where the API key was found, in lookup order.</summary>
public enum ApiKeySource
{
    /// <summary>The <c>--api-key</c> option.</summary>
    CommandLine,

    /// <summary>The <c>MASSIVE_API_KEY</c> environment variable.</summary>
    MassiveEnvironmentVariable,

    /// <summary>The <c>POLYGON_API_KEY</c> environment variable.</summary>
    PolygonEnvironmentVariable,

    /// <summary>A <c>.env</c> file in the working directory.</summary>
    DotEnvFile,
}
