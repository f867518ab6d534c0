using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace SmallCaps.Core.Tests.Tasks;

/// <summary>A Serilog sink that keeps rendered messages, for asserting what a run logged.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public void Emit(LogEvent logEvent) => Messages.Enqueue(logEvent.RenderMessage(CultureInfo.InvariantCulture));
}
