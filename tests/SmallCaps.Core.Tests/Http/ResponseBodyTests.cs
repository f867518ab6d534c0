using System.Buffers;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

public sealed class ResponseBodyTests
{
    private sealed class UnknownLengthContent(byte[] data) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(data).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new TrickleStream(data));
    }

    // Hands out at most 1000 bytes per read, like a slow socket.
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }

    [Fact]
    public async Task ReadAsync_UnknownLengthLargerThanFirstBuffer_GrowsAndKeepsEveryByte()
    {
        // Given
        var data = new byte[300_001];
        new Random(3).NextBytes(data);
        using var content = new UnknownLengthContent(data);

        // When
        using var body = await ResponseBody.ReadAsync(content, 1_000_000, CancellationToken.None);

        // Then
        Assert.Equal(data.Length, body.Length);
        Assert.Equal(data, body.Sequence.ToArray());
    }

    [Fact]
    public async Task ReadAsync_UnknownLengthOverLimit_Throws()
    {
        // Given
        using var content = new UnknownLengthContent(new byte[200_000]);

        // Then
        await Assert.ThrowsAsync<ResponseTooLargeException>(() => ResponseBody.ReadAsync(content, 100_000, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverLimit_ThrowsBeforeReading()
    {
        // Given
        using var content = new ByteArrayContent(new byte[5000]);

        // Then
        await Assert.ThrowsAsync<ResponseTooLargeException>(() => ResponseBody.ReadAsync(content, 4096, CancellationToken.None));
    }
}
