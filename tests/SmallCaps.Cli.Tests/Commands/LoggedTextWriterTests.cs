using Serilog;
using Serilog.Core;
using Serilog.Events;
using SmallCaps.Cli.Commands;

namespace SmallCaps.Cli.Tests.Commands;

public sealed class LoggedTextWriterTests
{
    [Fact]
    public void Writes_InPiecesWithCrLfAndAnUnfinishedTail_ReachConsoleUnchangedAndLogOneEventPerLine()
    {
        // Given
        var events = new List<string>();
        using var log = new LoggerConfiguration().WriteTo.Sink(new Collect(events)).CreateLogger();
        using var console = new StringWriter();

        // When
        using (var writer = new LoggedTextWriter(console, log))
        {
            writer.Write("Total ");
            writer.Write('s');
            writer.Write("napshot: 10\r\nFinal");
            writer.WriteLine(" universe: 3 tickers");
            writer.WriteLine();
            writer.Write("  CSV: u.csv");
        }

        // Then
        Assert.Equal("Total snapshot: 10\r\nFinal universe: 3 tickers" + Environment.NewLine + Environment.NewLine + "  CSV: u.csv", console.ToString());
        Assert.Equal(["Total snapshot: 10", "Final universe: 3 tickers", string.Empty, "  CSV: u.csv"], events);
    }

    private sealed class Collect(List<string> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Add(((ScalarValue)logEvent.Properties["Line"]).Value as string ?? "?");
    }
}
