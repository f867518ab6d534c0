using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

public sealed class TransportOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValidAndDocumentedValues()
    {
        // Given
        var options = new TransportOptions();

        // When
        var problems = options.Validate();

        // Then
        Assert.Empty(problems);
        Assert.Equal(new Uri("https://api.massive.com"), options.BaseUrl);
        Assert.Equal(8, options.MaxWorkers);
        Assert.Equal(50, options.MaxRequestsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(60), options.RequestTimeout);
        Assert.Equal(6, options.MaxRetries);
        Assert.Equal(8, options.EffectiveBurst);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Validate_MaxWorkersOutOfRange_NamesTheOption(int workers)
    {
        // Given
        var options = new TransportOptions { MaxWorkers = workers };

        // When
        var problems = options.Validate();

        // Then
        var problem = Assert.Single(problems);
        Assert.StartsWith("--max-workers must be between 1 and 64", problem, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(options.EnsureValid);
    }

    [Fact]
    public void Validate_BaseUrlWithApiKeyQuery_RejectedAndRedacted()
    {
        // Given
        var options = new TransportOptions { BaseUrl = new Uri("https://api.massive.com/?apiKey=SECRET1") };

        // When
        var problems = options.Validate();

        // Then
        Assert.Contains(problems, p => p.Contains("--base-url", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("SECRET1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://api.polygon.io/v2")]
    [InlineData("https://api.massive.com/v9/")]
    [InlineData("http://127.0.0.1:8080/api")]
    public void Validate_BaseUrlWithAPath_RejectedAskingForTheRoot(string url)
    {
        // Given: request paths start with their version, so a path here would 404 every ticker
        var options = new TransportOptions { BaseUrl = new Uri(url) };

        // When
        var problems = options.Validate();

        // Then
        var problem = Assert.Single(problems);
        Assert.StartsWith("--base-url must be the API root", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.massive.com")]
    [InlineData("https://api.massive.com/")]
    [InlineData("http://127.0.0.1:8080/")]
    public void Validate_BaseUrlRoot_Accepted(string url) =>
        Assert.Empty(new TransportOptions { BaseUrl = new Uri(url) }.Validate());

    [Fact]
    public void Validate_BaseUrlWithUserAndPassword_RejectedWithoutEchoingThem()
    {
        // Given
        var options = new TransportOptions { BaseUrl = new Uri("http://user:SECRET1@127.0.0.1:9/") };

        // When
        var problems = options.Validate();

        // Then
        var problem = Assert.Single(problems);
        Assert.Contains("user name or password", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET1", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0000001)]
    [InlineData(1.0 / 3601)]
    public void Validate_RateSlowerThanOneAnHour_NamesTheOption(double rate)
    {
        // Given: the rate gate's timer cannot wait 115 days for one token
        var options = new TransportOptions { MaxRequestsPerSecond = rate };

        // When
        var problem = Assert.Single(options.Validate());

        // Then
        Assert.StartsWith("--max-rps must be at least 1/h, at most 10000 a second", problem, StringComparison.Ordinal);
        Assert.Empty((options with { MaxRequestsPerSecond = RatePreset.Slowest }).Validate());
    }

    [Fact]
    public void EffectiveBurst_FreePreset_IsOne()
    {
        // Given
        var options = new TransportOptions { MaxRequestsPerSecond = RatePreset.Free };

        // Then
        Assert.Equal(1, options.EffectiveBurst);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("free", 5.0 / 60)]
    [InlineData("50", 50)]
    [InlineData("0.5", 0.5)]
    [InlineData("5/min", 5.0 / 60)]
    [InlineData("20/s", 20)]
    [InlineData("3600/h", 1)]
    public void RatePresetTryParse_ValidText_GivesRequestsPerSecond(string text, double expected)
    {
        // When
        var ok = RatePreset.TryParse(text, out var rps, out var error);

        // Then
        Assert.True(ok, error);
        Assert.Equal(expected, rps, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("fast")]
    [InlineData("5/week")]
    public void RatePresetTryParse_BadText_FailsWithOneLine(string text)
    {
        // When
        var ok = RatePreset.TryParse(text, out _, out var error);

        // Then
        Assert.False(ok);
        Assert.StartsWith("--max-rps", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void RatePresetTryParse_Zero_ErrorNamesEveryFormAndEachExampleItGivesIsAccepted()
    {
        // When
        var ok = RatePreset.TryParse("0", out _, out var error);
        var examples = System.Text.RegularExpressions.Regex.Matches(error, @"\(([^)']+)\)").SelectMany(m => m.Groups[1].Value.Split(", ")).Append("free").ToList();

        // Then: the per-hour form is named too, and the error never shows an example the parser refuses
        Assert.False(ok);
        Assert.Contains("N/h", error, StringComparison.Ordinal);
        Assert.Contains("100/h", examples);
        Assert.All(examples, e => Assert.True(RatePreset.TryParse(e, out _, out _), e));
    }

    [Theory]
    [InlineData("https://api.massive.com/v2/aggs?apiKey=SECRET&limit=5", "https://api.massive.com/v2/aggs?apiKey=***&limit=5")]
    [InlineData("GET /x?a=1&APIKEY=SECRET", "GET /x?a=1&APIKEY=***")]
    [InlineData("https://api.massive.com/v2/aggs?cursor=abc", "https://api.massive.com/v2/aggs?cursor=abc")]
    public void UrlRedactorRedact_Text_HidesApiKeyValue(string text, string expected)
    {
        // When
        var redacted = UrlRedactor.Redact(text);

        // Then
        Assert.Equal(expected, redacted);
    }
}
