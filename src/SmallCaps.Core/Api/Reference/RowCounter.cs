using System.Text.Json;

namespace SmallCaps.Core.Api.Reference;

/// <summary>Hands each row of a page on to <typeparamref name="TSink"/> and counts them, so paging can tell an empty page.</summary>
/// <typeparam name="TSink">The sink the rows are decoded into.</typeparam>
internal sealed class RowCounter<TSink>(TSink sink) : IPageRowSink
    where TSink : IPageRowSink
{
    /// <summary>Results of the page read last (elements of <c>results</c>, kept by the sink or not).</summary>
    public int Rows { get; private set; }

    public void Reset()
    {
        Rows = 0;
        sink.Reset();
    }

    public void ReadRow(ref Utf8JsonReader reader)
    {
        Rows++;
        sink.ReadRow(ref reader);
    }
}
