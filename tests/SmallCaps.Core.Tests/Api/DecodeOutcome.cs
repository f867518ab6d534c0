using System.Buffers;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

/// <summary>What decoding a body gave: a page, or a <see cref="PageFormatException"/> (anything else is a bug and propagates).</summary>
internal sealed class DecodeOutcome
{
    private DecodeOutcome(BarPage? page, PageFormatException? error)
    {
        Page = page;
        Error = error;
    }

    public BarPage? Page { get; }

    public PageFormatException? Error { get; }

    /// <summary>The Utf8JsonReader decoder (JsonPageReader + BarRowReader) over the whole body: the reference.</summary>
    public static DecodeOutcome Reference(byte[] body) => Capture(() =>
    {
        var page = new BarPage();
        JsonPageReader.Read(new ReadOnlySequence<byte>(body), page.Envelope, new BarRowReader(page));
        return page;
    });

    /// <summary>The streaming decoder fed like a network stream: reads of the given sizes (cycled) into its own buffer.</summary>
    public static DecodeOutcome Streamed(byte[] body, IReadOnlyList<int> readSizes, int bufferSize = BarStreamDecoder.ChunkSize, BarPage? reuse = null) => Capture(() =>
    {
        var decoder = new BarStreamDecoder(reuse ?? new BarPage(), bufferSize);
        decoder.Reset();
        var offset = 0;
        var k = 0;
        while (offset < body.Length)
        {
            var free = decoder.GetMemory();
            var take = Math.Min(Math.Min(readSizes[k++ % readSizes.Count], free.Length), body.Length - offset);
            body.AsSpan(offset, take).CopyTo(free.Span);
            offset += take;
            decoder.Advance(take);
        }

        return decoder.Complete();
    });

    /// <summary>Decoded in two reads split at <paramref name="split"/>.</summary>
    public static DecodeOutcome Split(byte[] body, int split) => Streamed(body, [Math.Max(split, 1), body.Length], bufferSize: 4096);

    public static DecodeOutcome Capture(Func<BarPage> decode)
    {
        try
        {
            return new DecodeOutcome(decode(), null);
        }
        catch (PageFormatException ex)
        {
            return new DecodeOutcome(null, ex);
        }
    }

    /// <summary>Fails unless both decoded the same page bit for bit, or both failed alike (transient or not).</summary>
    public void AssertSameAs(DecodeOutcome expected, string because)
    {
        if (expected.Error is not null || Error is not null)
        {
            Assert.True(expected.Error is not null && Error is not null, $"{because}: reference {Describe(expected)}, streamed {Describe(this)}");
            Assert.True(expected.Error!.IsTransient == Error!.IsTransient, $"{because}: reference {Describe(expected)}, streamed {Describe(this)}");
            return;
        }

        BarPageAssert.Identical(expected.Page!, Page!, because);
    }

    private static string Describe(DecodeOutcome o) => o.Error is { } e ? $"{(e.IsTransient ? "transient" : "permanent")} error '{e.Message}'" : $"page of {o.Page!.Count} bars";
}
