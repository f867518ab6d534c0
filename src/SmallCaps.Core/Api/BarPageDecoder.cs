using System.Buffers;

namespace SmallCaps.Core.Api;

/// <summary>Decodes an aggregates body into a reusable <see cref="BarPage"/>.</summary>
internal static class BarPageDecoder
{
    /// <summary>Fills <paramref name="page"/> from <paramref name="body"/>; throws <see cref="PageFormatException"/> on bad bodies.</summary>
    public static BarPage Decode(ReadOnlySequence<byte> body, BarPage page)
    {
        JsonPageReader.Read(body, page.Envelope, new BarRowReader(page));
        return page;
    }

    /// <summary>Fills <paramref name="page"/> from a contiguous body.</summary>
    public static BarPage Decode(ReadOnlyMemory<byte> body, BarPage page) => Decode(new ReadOnlySequence<byte>(body), page);
}
