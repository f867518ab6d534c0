using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace SmallCaps.Core.Tests.Http;

/// <summary>A Serilog sink that keeps every event rendered as text, properties included.</summary>
internal sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public LogCapture()
    {
        Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
    }

    public ILogger Logger { get; }

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Emit(LogEvent logEvent)
    {
        var text = logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)
            + " | " + string.Join(", ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"))
            + (logEvent.Exception is null ? string.Empty : " | " + logEvent.Exception);
        _lines.Enqueue(text);
    }
}
