using Serilog;
using Serilog.Core;
using Serilog.Events;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Cli.Tests.Ingest;

public sealed class FormerTickerNoticesTests
{
    [Fact]
    public async Task WriteAsync_FormerAndLaterTickers_CountsEachKindAndLogsThemAll()
    {
        // Given: NEWCO's former OLDCO, and DN (a 2015 universe) followed forward to CYPW
        var plan = new FormerTickerPlan([], ["NEWCO", "DN"], ["OLDCO for NEWCO 2010-01-04..2019-06-30"], [], 0)
        {
            Later = ["CYPW for DN 2024-09-26..2026-06-30"],
        };
        var events = new List<string>();
        using var log = new LoggerConfiguration().WriteTo.Sink(new Collect(events)).CreateLogger();
        using var error = new StringWriter();

        // When
        await FormerTickerNotices.WriteAsync(error, plan, 2, log);

        // Then
        Assert.Equal(
            "notice: --former-tickers: 1 former and 1 later tickers of the 2 listed (OLDCO for NEWCO 2010-01-04..2019-06-30; CYPW for DN 2024-09-26..2026-06-30); the log lists them all",
            error.ToString().TrimEnd());
        Assert.Equal(["Former ticker: \"OLDCO for NEWCO 2010-01-04..2019-06-30\"", "Later ticker: \"CYPW for DN 2024-09-26..2026-06-30\""], events);
    }

    private sealed class Collect(List<string> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
