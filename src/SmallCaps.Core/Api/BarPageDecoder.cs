using System.Buffers;

namespace SmallCaps.Core.Api;

/// <summary>Decodes an aggregates body already in memory into a reusable <see cref="BarPage"/> (the streaming decoder, fed whole).</summary>
internal static class BarPageDecoder
{
    /// <summary>Fills <paramref name="page"/> from <paramref name="body"/>; throws <see cref="PageFormatException"/> on bad bodies.</summary>
    public static BarPage Decode(ReadOnlySequence<byte> body, BarPage page)
    {
        var decoder = new BarStreamDecoder(page);
        decoder.Reset();
        foreach (var segment in body)
        {
            decoder.Write(segment.Span);
        }

        return decoder.Complete();
    }

    /// <summary>Fills <paramref name="page"/> from a contiguous body.</summary>
    public static BarPage Decode(ReadOnlyMemory<byte> body, BarPage page) => Decode(new ReadOnlySequence<byte>(body), page);
}
