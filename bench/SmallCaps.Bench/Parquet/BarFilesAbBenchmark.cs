using System.Globalization;
using System.Reflection;

namespace SmallCaps.Bench.Parquet;

/// <summary>
/// `bar-files-ab DIR_A DIR_B [--rounds 60]`: the bar-file writer of two bench builds compared in one process. Each folder
/// holds a bench build (for a base, copy this build's output and put the base's SmallCaps.Parquet.dll in it); each is
/// loaded in its own context and the simulator's files are written alternately A, B then B, A, so that other work on the
/// machine weighs on both alike (separate runs a few seconds apart differed by more than the changes measured). Prints
/// per data set the best and median writer-call seconds per million rows.
/// </summary>
internal static class BarFilesAbBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: bar-files-ab DIR_A DIR_B [--rounds 60]");
            return Task.FromResult(2);
        }

        var i = Array.IndexOf(args, "--rounds");
        var rounds = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 60;
        var sides = new[] { Load(args[0]), Load(args[1]) };
        var (tickers, rows, _) = sides[0];
        var seconds = new List<double>[2, tickers.Length];
        for (var s = 0; s < 2; s++)
        {
            for (var d = 0; d < tickers.Length; d++)
            {
                seconds[s, d] = [];
            }
        }

        // Warm-up (untimed) until tiered compilation has settled for both copies.
        for (var w = 0; w < 40; w++)
        {
            for (var d = 0; d < tickers.Length; d++)
            {
                sides[0].Write(d);
                sides[1].Write(d);
            }
        }

        for (var r = 0; r < rounds; r++)
        {
            for (var d = 0; d < tickers.Length; d++)
            {
                for (var k = 0; k < 2; k++)
                {
                    var s = k ^ (r & 1);
                    seconds[s, d].Add(sides[s].Write(d));
                }
            }
        }

        double bestA = 0, bestB = 0, medianA = 0, medianB = 0;
        for (var d = 0; d < tickers.Length; d++)
        {
            var millions = rows[d] / 1e6;
            var (ba, bb) = (seconds[0, d].Min() / millions, seconds[1, d].Min() / millions);
            var (ma, mb) = (Median(seconds[0, d]) / millions, Median(seconds[1, d]) / millions);
            (bestA, bestB, medianA, medianB) = (bestA + ba, bestB + bb, medianA + ma, medianB + mb);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {tickers[d],-6} best A {ba:F4} B {bb:F4} ({Change(ba, bb)})  median A {ma:F4} B {mb:F4} ({Change(ma, mb)})  s/M rows"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sum       best A {bestA:F4} B {bestB:F4} ({Change(bestA, bestB)})  median A {medianA:F4} B {medianB:F4} ({Change(medianA, medianB)})"));
        return Task.FromResult(0);
    }

    private static (string[] Tickers, int[] Rows, Func<int, double> Write) Load(string folder)
    {
        var context = new BenchCopyLoadContext(Path.GetFullPath(folder));
        var bench = context.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(folder), "SmallCaps.Bench.dll"));
        var create = bench.GetType(typeof(BarFileProbe).FullName!, throwOnError: true)!.GetMethod(nameof(BarFileProbe.Create), BindingFlags.Public | BindingFlags.Static)!;
        return ((string[], int[], Func<int, double>))create.Invoke(null, null)!;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Change(double a, double b) => string.Create(CultureInfo.InvariantCulture, $"{((b / a) - 1) * 100:+0.0;-0.0}%");
}
