namespace SmallCaps.Core.Http;

/// <summary>
/// Finds the API key: <c>--api-key</c>, else <c>MASSIVE_API_KEY</c>, else <c>POLYGON_API_KEY</c>, else a
/// <c>.env</c> file in the working directory (same two names, in that order). Empty values count as absent.
/// </summary>
public static class ApiKeyResolver
{
    /// <summary>The current environment variable name.</summary>
    public const string MassiveVariable = "MASSIVE_API_KEY";

    /// <summary>The pre-rename environment variable name, still common in users' shells.</summary>
    public const string PolygonVariable = "POLYGON_API_KEY";

    /// <summary>Looks the key up; null when no source has one. Throws <see cref="ApiKeyException"/> for a malformed value.</summary>
    public static ApiKeyResolution? Resolve(string? cliValue, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(cliValue))
        {
            return Make(cliValue, ApiKeySource.CommandLine, "--api-key");
        }

        foreach (var (name, source) in Variables)
        {
            if (environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return Make(value, source, $"environment variable {name}");
            }
        }

        var dotEnv = Path.Combine(workingDirectory, ".env");
        if (!File.Exists(dotEnv))
        {
            return null;
        }

        IReadOnlyDictionary<string, string> values;
        try
        {
            values = DotEnvFile.Parse(File.ReadAllText(dotEnv));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ApiKeyException($"Could not read {dotEnv}: {ex.Message}", ex);
        }

        foreach (var (name, _) in Variables)
        {
            if (values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return Make(value, ApiKeySource.DotEnvFile, $"{name} in {dotEnv}");
            }
        }

        return null;
    }

    /// <summary>
    /// Every key value the environment and the working directory's <c>.env</c> hold, well formed or not, so text about
    /// to be printed can be cleaned of them; never throws (an unreadable .env adds nothing).
    /// </summary>
    public static IReadOnlyList<string> KnownValues(IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var found = new List<string>();
        foreach (var (name, _) in Variables)
        {
            if (environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                found.Add(value.Trim());
            }
        }

        try
        {
            var dotEnv = Path.Combine(workingDirectory, ".env");
            if (File.Exists(dotEnv))
            {
                var values = DotEnvFile.Parse(File.ReadAllText(dotEnv));
                found.AddRange(Variables.Select(v => values.GetValueOrDefault(v.Name)).OfType<string>().Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Resolve reports an unreadable .env; here there is just nothing more to hide.
        }

        return found;
    }

    /// <summary>The process environment as the dictionary <see cref="Resolve"/> takes.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [MassiveVariable] = Environment.GetEnvironmentVariable(MassiveVariable),
        [PolygonVariable] = Environment.GetEnvironmentVariable(PolygonVariable),
    };

    private static (string Name, ApiKeySource Source)[] Variables =>
        [(MassiveVariable, ApiKeySource.MassiveEnvironmentVariable), (PolygonVariable, ApiKeySource.PolygonEnvironmentVariable)];

    private static ApiKeyResolution Make(string value, ApiKeySource source, string description)
    {
        if (!ApiKey.IsWellFormed(value.Trim()))
        {
            throw new ApiKeyException($"The API key from {description} contains spaces or control characters.");
        }

        return new ApiKeyResolution(ApiKey.Create(value), source, description);
    }
}
