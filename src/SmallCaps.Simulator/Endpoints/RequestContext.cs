using System.Text.Json;
using SmallCaps.Simulator.Faults;
using SmallCaps.Simulator.Market;
using SmallCaps.Simulator.Paging;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>What an endpoint needs to answer one request: the effective query, the JSON writer and the fault flavour.</summary>
internal sealed class RequestContext
{
    public required string[] Segments { get; init; }

    public required QueryState Query { get; init; }

    public required Utf8JsonWriter Json { get; init; }

    /// <summary>The buffer under <see cref="Json"/>, for hot paths that write raw bytes after flushing the writer.</summary>
    public required System.Buffers.IBufferWriter<byte> Output { get; init; }

    public required string RequestId { get; init; }

    public required MarketData Market { get; init; }

    public required SimulatorOptions Options { get; init; }

    /// <summary>Scheme and authority next_url points at (this listener, or the foreign one under that fault).</summary>
    public required string NextUrlBase { get; init; }

    public FaultKind? Fault { get; init; }

    public int StatusCode { get; set; } = 200;

    public string Status => Fault == FaultKind.Delayed ? "DELAYED" : "OK";

    public bool NullResults => Fault == FaultKind.NullResults;

    public void WriteRequestId() => Json.WriteString("request_id", RequestId);

    public void WriteNextUrl(string pathAndQuery) => Json.WriteString("next_url", NextUrlBase + pathAndQuery);

    public void NotFound(string message = "Ticker not found.")
    {
        StatusCode = 404;
        Json.WriteStartObject();
        Json.WriteString("status", "NOT_FOUND");
        WriteRequestId();
        Json.WriteString("message", message);
        Json.WriteEndObject();
    }

    public void NotAuthorized(string message)
    {
        StatusCode = 403;
        Json.WriteStartObject();
        Json.WriteString("status", "NOT_AUTHORIZED");
        WriteRequestId();
        Json.WriteString("message", message);
        Json.WriteEndObject();
    }

    public int Limit(int defaultValue, int max)
    {
        var text = Query["limit"];
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            throw new BadRequestException($"Invalid limit '{text}'.");
        }

        return Math.Min(limit, max);
    }
}
