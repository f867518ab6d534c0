using System.Text.Json;

namespace SmallCaps.Core.Api;

/// <summary>
/// Receives the elements of a page's <c>results</c> one at a time, straight from the reader, so a dataset
/// (bars now; trades and quotes with int64 ns timestamps later) decodes into its own column buffers.
/// </summary>
internal interface IPageRowSink
{
    /// <summary>Forgets the previous page's rows.</summary>
    void Reset();

    /// <summary>Reads one result; <paramref name="reader"/> is on its StartObject and must end on the matching EndObject.</summary>
    void ReadRow(ref Utf8JsonReader reader);
}
