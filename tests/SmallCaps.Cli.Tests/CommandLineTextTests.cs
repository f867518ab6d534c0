using SmallCaps.Cli.Ingest;

namespace SmallCaps.Cli.Tests;

public sealed class CommandLineTextTests
{
    [Fact]
    public void Redacted_KeyAsSeparateOrJoinedValue_ReplacedByStars()
    {
        // Given
        string[] args = ["ingest-daily", "--api-key", "abc123", "--outdir", "my lake", "--api-key=def456"];

        // When
        var text = CommandLineText.Redacted(args);

        // Then
        Assert.Equal("smallcaps ingest-daily --api-key *** --outdir \"my lake\" --api-key=***", text);
    }
}
