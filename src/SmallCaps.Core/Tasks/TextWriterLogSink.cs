using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace SmallCaps.Core.Tasks;

/// <summary>Serilog events as plain lines on a writer, for verbs whose messages go to the console rather than a run log.</summary>
internal sealed class TextWriterLogSink(TextWriter output) : ILogEventSink
{
    /// <summary>A logger that writes every event's rendered message (strings unquoted) to <paramref name="output"/>.</summary>
    public static Serilog.ILogger Logger(TextWriter output) =>
        new Serilog.LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(new TextWriterLogSink(output)).CreateLogger();

    /// <inheritdoc/>
    public void Emit(LogEvent logEvent)
    {
        // Rendered by hand so string values print as typed, not as quoted JSON-style literals.
        var line = new System.Text.StringBuilder();
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is Serilog.Parsing.PropertyToken p && logEvent.Properties.TryGetValue(p.PropertyName, out var value) && value is ScalarValue { Value: string s })
            {
                line.Append(s);
            }
            else
            {
                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                token.Render(logEvent.Properties, writer, CultureInfo.InvariantCulture);
                line.Append(writer.ToString());
            }
        }

        output.WriteLine(line.ToString());
    }
}
