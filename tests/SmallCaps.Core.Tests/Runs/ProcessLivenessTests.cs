using System.Diagnostics;
using SmallCaps.Core.Runs;

namespace SmallCaps.Core.Tests.Runs;

public sealed class ProcessLivenessTests
{
    [Fact]
    public void IsAlive_CurrentProcessWithItsStartTime_True()
    {
        // Given
        using var self = Process.GetCurrentProcess();
        var started = ProcessLiveness.StartTimeOf(self);

        // When / Then
        Assert.NotNull(started);
        Assert.True(ProcessLiveness.IsAlive(Environment.ProcessId, started));
        Assert.True(ProcessLiveness.IsAlive(Environment.ProcessId, null));
    }

    [Fact]
    public void IsAlive_PidReusedByAnotherStartTime_False()
    {
        // Given: a record whose pid is alive but started an hour earlier (the OS reused the pid)
        using var self = Process.GetCurrentProcess();
        var recorded = ProcessLiveness.StartTimeOf(self)!.Value - TimeSpan.FromHours(1);

        // When / Then
        Assert.False(ProcessLiveness.IsAlive(Environment.ProcessId, recorded));
    }

    [Fact]
    public async Task IsAlive_ExitedProcess_False()
    {
        // Given
        var psi = new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        var started = ProcessLiveness.StartTimeOf(process);
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        // When / Then
        Assert.False(ProcessLiveness.IsAlive(process.Id, started));
        Assert.False(ProcessLiveness.IsAlive(0, null));
    }
}
