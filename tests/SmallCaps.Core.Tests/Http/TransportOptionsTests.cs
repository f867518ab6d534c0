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
