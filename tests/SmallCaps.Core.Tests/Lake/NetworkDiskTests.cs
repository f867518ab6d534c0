using SmallCaps.Core.Lake;

namespace SmallCaps.Core.Tests.Lake;

public sealed class NetworkDiskTests
{
    private static readonly (string, DriveType, string)[] Mounts =
    [
        ("/", DriveType.Fixed, "ext4"),
        ("/mnt/nas", DriveType.Network, "cifs"),
        ("/mnt/nas/local-cache", DriveType.Fixed, "ext4"),
        ("/srv/export", DriveType.Network, string.Empty),
    ];

    [Theory]
    [InlineData("/home/me/lake", null)]
    [InlineData("/mnt/nas/lake", "cifs")]
    [InlineData("/mnt/nas", "cifs")]
    [InlineData("/mnt/nasty/lake", null)]
    [InlineData("/mnt/nas/local-cache/lake", null)]
    [InlineData("/srv/export/lake", "network drive")]
    [InlineData(@"\\nas\research\lake", "UNC path")]
    public void Of_PathUnderTheLongestMatchingMount_NamesItsNetworkFileSystem(string path, string? expected)
    {
        Assert.Equal(expected, NetworkDisk.Of(path, Mounts));
    }

    [Fact]
    public void Of_TheTestsTempFolder_IsLocal()
    {
        // The real mount table (DriveInfo): the suite writes its lakes under the temp folder, a local disk.
        Assert.Null(NetworkDisk.Of(Path.GetTempPath()));
    }
}
