using SmallCaps.Core.Tasks;

namespace SmallCaps.Core.Tests.Tasks;

public sealed class TextWriterLogSinkTests
{
    [Fact]
    public void Logger_StringAndNumberProperties_OneLineWithStringsUnquoted()
    {
        // Given
        using var output = new StringWriter();
        var log = TextWriterLogSink.Logger(output);

        // When
        log.Warning("Took over the lock of a run that died ({Holder}); {Count} tasks", "pid 7 on host h", 3);
        log.Debug("below the minimum level");

        // Then
        Assert.Equal("Took over the lock of a run that died (pid 7 on host h); 3 tasks" + Environment.NewLine, output.ToString());
    }
}
