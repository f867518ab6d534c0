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

    [Fact]
    public void IsAlive_StartStampMatches_TrueEvenIfTheRecordedTimeDrifted()
    {
        // Given: the wall clock was stepped since launch, so the recorded time is 10 s off, but the fixed stamp matches
        using var self = Process.GetCurrentProcess();
        var ticks = ProcessLiveness.StartTicksOf(self);
        var drifted = ProcessLiveness.StartTimeOf(self)!.Value + TimeSpan.FromSeconds(10);

        // When / Then
        Assert.NotNull(ticks);
        Assert.Equal(ticks, ProcessLiveness.StartTicksOf(self));
        Assert.True(ProcessLiveness.IsAlive(Environment.ProcessId, drifted, ticks));
    }

    [Fact]
    public void IsAlive_StartStampDiffers_False()
    {
        // Given: same pid, another process's stamp (pid reuse)
        using var self = Process.GetCurrentProcess();
        var other = ProcessLiveness.StartTicksOf(self)!.Value - 1;

        // When / Then
        Assert.False(ProcessLiveness.IsAlive(Environment.ProcessId, ProcessLiveness.StartTimeOf(self), other));
    }
}
