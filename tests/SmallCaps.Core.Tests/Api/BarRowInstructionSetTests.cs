using System.Diagnostics;

namespace SmallCaps.Core.Tests.Api;

/// <summary>
/// The template's tests again in a child test run with AVX-512 (then AVX2) switched off in the runtime, as on most
/// users' machines: the scalar row path's 256- and 128-bit masks and its scalar conversion run there, which this
/// machine's own run never takes.
/// </summary>
public sealed class BarRowInstructionSetTests
{
    private const string Filter = "FullyQualifiedName~SmallCaps.Core.Tests.Api.BarRowTemplateTests|FullyQualifiedName~SmallCaps.Core.Tests.Api.BarRowVectorTests";

    [Theory]
    [InlineData("DOTNET_EnableAVX512")]
    [InlineData("DOTNET_EnableAVX2")]
    public async Task TemplateTests_InstructionSetSwitchedOff_PassInAChildRun(string knob)
    {
        // Given: the same test assembly, the runtime told not to use the instruction set
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "test", typeof(BarRowInstructionSetTests).Assembly.Location, "--filter", Filter })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[knob] = "0";

        // When
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        // Then: it ran the tests (not zero of them) and all passed
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"{knob}=0: exit {process.ExitCode}\n{text}");
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+[1-9]\d+", text);
    }
}
