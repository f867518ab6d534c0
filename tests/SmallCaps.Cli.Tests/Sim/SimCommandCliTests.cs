namespace SmallCaps.Cli.Tests.Sim;

public sealed class SimCommandCliTests
{
    [Fact]
    public async Task Sim_HostNotAnIpAddress_ExitsTwoWithOneLineNamingHost()
    {
        // When
        var result = await CliHarness.RunAsync(["sim", "--host", "notanip", "--port", "0"]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Invalid --host 'notanip': not an IP address (e.g. 127.0.0.1)", result.Error.Trim());
        Assert.Empty(result.Out);
    }
}
