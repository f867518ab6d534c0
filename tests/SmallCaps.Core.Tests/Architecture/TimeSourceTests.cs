using System.Text.RegularExpressions;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Architecture;

/// <summary>Time comes only from an injected TimeProvider, so retries, rate limits and dates are testable without sleeping.</summary>
public sealed partial class TimeSourceTests
{
    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(Now|UtcNow|Today)\b|\bEnvironment\.TickCount(64)?\b|\bStopwatch\.(StartNew|GetTimestamp)\b")]
    private static partial Regex AmbientClock();

    [Fact]
    public void Sources_UseNoAmbientClock()
    {
        // Given
        var sources = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        // When
        var offenders = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && AmbientClock().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        // Then
        Assert.True(sources.Count > 100, $"expected the src tree, found {sources.Count} files");
        Assert.True(offenders.Count == 0, "ambient clock in src (inject a TimeProvider instead):\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void AmbientClock_Pattern_CatchesTheBannedCalls()
    {
        Assert.Matches(AmbientClock(), "var now = DateTime.UtcNow;");
        Assert.Matches(AmbientClock(), "var t = Stopwatch.StartNew();");
        Assert.DoesNotMatch(AmbientClock(), "var now = clock.GetUtcNow();");
    }
}
