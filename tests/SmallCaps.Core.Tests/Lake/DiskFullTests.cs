using Microsoft.Data.Sqlite;
using SmallCaps.Core.Http;
using SmallCaps.Core.Lake;

namespace SmallCaps.Core.Tests.Lake;

public sealed class DiskFullTests
{
    /// <summary>
    /// A real "no space left" error: on Linux from writing to /dev/full (ENOSPC, as a full disk gives it); elsewhere
    /// an IOException with the platform's disk-full code.
    /// </summary>
    internal static IOException NoSpace()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                using var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
                stream.Write(new byte[4096]);
                stream.Flush();
            }
            catch (IOException ex)
            {
                return ex;
            }

            throw new InvalidOperationException("writing to /dev/full did not fail");
        }

        return new IOException("There is not enough space on the disk.", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);
    }

    [Fact]
    public void Is_WriteToAFullDevice_True()
    {
        Assert.True(DiskFull.Is(NoSpace()));
    }

    [Fact]
    public void Is_FullDiskInsideAnotherException_True()
    {
        var wrapped = new MassiveApiException(MassiveErrorKind.Network, "cut short", isTransient: true, innerException: NoSpace());

        Assert.True(DiskFull.Is(wrapped));
    }

    [Fact]
    public void Is_LedgerFull_True()
    {
        Assert.True(DiskFull.Is(new SqliteException("database or disk is full", 13)));
    }

    [Fact]
    public void Is_OtherErrors_False()
    {
        Assert.False(DiskFull.Is(new IOException("The process cannot access the file because it is being used by another process.")));
        Assert.False(DiskFull.Is(new IOException("Connection reset by peer", 104)));
        Assert.False(DiskFull.Is(new SqliteException("disk I/O error", 10)));
        Assert.False(DiskFull.Is(new InvalidOperationException("no space left on device")));
    }
}
