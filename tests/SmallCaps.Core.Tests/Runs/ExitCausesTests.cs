using SmallCaps.Core.Runs;

namespace SmallCaps.Core.Tests.Runs;

public sealed class ExitCausesTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(130, true)]
    [InlineData(137, false)]
    [InlineData(-1073741819, false)]
    public void IsContractCode_KnownCodes_OnlyContractOnesAreFinal(int code, bool expected) =>
        Assert.Equal(expected, ExitCauses.IsContractCode(code));

    [Fact]
    public void Describe_KillAndAccessViolation_NameTheCause()
    {
        // When
        var kill = ExitCauses.Describe(137);
        var av = ExitCauses.Describe(unchecked((int)0xC0000005));

        // Then
        Assert.Contains(OperatingSystem.IsWindows() ? "exit 137" : "SIGKILL", kill);
        Assert.Contains("access violation", av);
    }

    [Fact]
    public void FromExitCode_MapsToStates()
    {
        var at = DateTimeOffset.UnixEpoch;
        Assert.Equal(RunState.Finished, RunResult.FromExitCode("r", 1, at).State);
        Assert.Equal(RunState.Stopped, RunResult.FromExitCode("r", 130, at).State);
        Assert.Equal(RunState.Crashed, RunResult.FromExitCode("r", 137, at).State);
    }
}
