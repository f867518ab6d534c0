using SmallCaps.Core.Http;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Http;

public sealed class ApiKeyResolverTests
{
    private static Dictionary<string, string?> Env(string? massive = null, string? polygon = null) => new()
    {
        ["MASSIVE_API_KEY"] = massive,
        ["POLYGON_API_KEY"] = polygon,
    };

    [Fact]
    public void Resolve_CliValueGiven_WinsOverEverything()
    {
        // Given
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine(".env"), "MASSIVE_API_KEY=fromfile\n");

        // When
        var found = ApiKeyResolver.Resolve("fromcli", Env("massive", "polygon"), dir.Path);

        // Then
        Assert.NotNull(found);
        Assert.Equal("fromcli", found.Key.Reveal());
        Assert.Equal(ApiKeySource.CommandLine, found.Source);
    }

    [Fact]
    public void Resolve_Found_ResolutionToStringHidesKey()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var found = ApiKeyResolver.Resolve("TopSecretValue9", Env(), dir.Path);

        // Then
        Assert.DoesNotContain("TopSecretValue9", found!.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", found.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BothVariables_MassiveWins()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var found = ApiKeyResolver.Resolve(null, Env("massive", "polygon"), dir.Path);

        // Then
        Assert.Equal("massive", found!.Key.Reveal());
        Assert.Equal(ApiKeySource.MassiveEnvironmentVariable, found.Source);
        Assert.Contains("MASSIVE_API_KEY", found.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OnlyPolygonVariableAndEmptyMassive_UsesPolygon()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var found = ApiKeyResolver.Resolve("  ", Env("", "polygon"), dir.Path);

        // Then
        Assert.Equal("polygon", found!.Key.Reveal());
        Assert.Equal(ApiKeySource.PolygonEnvironmentVariable, found.Source);
    }

    [Fact]
    public void Resolve_NoVariables_ReadsDotEnvWithExportQuotesAndComments()
    {
        // Given
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine(".env"), "# keys\r\n\r\nOTHER=1\r\nexport POLYGON_API_KEY='poly key ignored'\r\nexport MASSIVE_API_KEY=\"abc#123\" # the new one\r\n");

        // When
        var found = ApiKeyResolver.Resolve(null, Env(), dir.Path);

        // Then
        Assert.Equal("abc#123", found!.Key.Reveal());
        Assert.Equal(ApiKeySource.DotEnvFile, found.Source);
        Assert.Contains(".env", found.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("abc#", found.Description, StringComparison.Ordinal); // not "abc": the temp path is hex and may hold it
    }

    [Fact]
    public void Resolve_DotEnvWithOnlyPolygon_UsesIt()
    {
        // Given
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine(".env"), "POLYGON_API_KEY = plainvalue   # comment\n");

        // When
        var found = ApiKeyResolver.Resolve(null, Env(), dir.Path);

        // Then
        Assert.Equal("plainvalue", found!.Key.Reveal());
    }

    [Fact]
    public void Resolve_NothingAnywhere_ReturnsNull()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var found = ApiKeyResolver.Resolve(null, Env(), dir.Path);

        // Then
        Assert.Null(found);
    }

    [Fact]
    public void Resolve_MalformedVariable_ThrowsNamingSourceNotValue()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var ex = Assert.Throws<ApiKeyException>(() => ApiKeyResolver.Resolve(null, Env("abc defsecret"), dir.Path));

        // Then
        Assert.Contains("MASSIVE_API_KEY", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("defsecret", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("K=v", "v")]
    [InlineData("K = 'a b # c'", "a b # c")]
    [InlineData("K=\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("export K=x#y", "x#y")]
    [InlineData("K=x #y", "x")]
    [InlineData("K=", "")]
    public void DotEnvParse_Line_GivesValue(string line, string expected)
    {
        // When
        var values = DotEnvFile.Parse(line);

        // Then
        Assert.Equal(expected, values["K"]);
    }

    [Fact]
    public void DotEnvParse_RepeatedName_LastWins()
    {
        // When
        var values = DotEnvFile.Parse("\uFEFFK=1\n#K=2\nK=3\n");

        // Then
        Assert.Equal("3", values["K"]);
    }
}
