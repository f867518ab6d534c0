using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmallCaps.Core.Api;

namespace SmallCaps.Bench.Api;

/// <summary>
/// `decode-bars --template-only`: <see cref="BarRowTemplate.ReadRows(ReadOnlySpan{byte}, int, bool, BarPage)"/> alone over
/// a page's results (no streaming decoder around it), each round timed with the whole-row vector path and without it.
/// </summary>
internal static class TemplateRounds
{
    public static int Run(byte[] body, int iterations, int rounds)
    {
        var start = body.AsSpan().IndexOf("\"results\":["u8) + "\"results\":["u8.Length;
        var page = new BarPage();
        var perRound = Math.Max(1, iterations / rounds);
        var best = new[] { double.MaxValue, double.MaxValue };
        string[] names = ["whole-row", "scalar"];
        for (var r = 0; r < rounds; r++)
        {
            for (var path = 0; path < 2; path++)
            {
                if (path == 0 && !BarRowVector.IsSupported)
                {
                    continue;
                }

                var rows = 0L;
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < perRound; i++)
                {
                    page.Reset();
                    BarRowTemplate.ReadRows(body, start, afterRow: false, page, wholeRow: path == 0);
                    rows += page.Count;
                }

                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                best[path] = Math.Min(best[path], cpu / (rows / 1e6));
            }
        }

        var text = new StringBuilder();
        for (var path = 0; path < 2; path++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  template {names[path],-9}: {best[path]:F3} CPU-s per M bars (best of {rounds} rounds)\n");
        }

        Console.Write(text.ToString());
        return 0;
    }
}
