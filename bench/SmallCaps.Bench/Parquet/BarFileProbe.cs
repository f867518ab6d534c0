using System.Diagnostics;
using SmallCaps.Core.Lake;
using SmallCaps.Parquet;

namespace SmallCaps.Bench.Parquet;

/// <summary>
/// The bar-file writer of this copy of the bench, behind framework types only, so that `bar-files-ab` can drive two copies
/// (each loaded with its own SmallCaps.Parquet) from one process.
/// </summary>
internal static class BarFileProbe
{
    /// <summary>Loads the simulator's bar files; returns their tickers, rows, and a function writing file i (as bar-files --reuse does) that returns the seconds spent in writer calls.</summary>
    public static (string[] Tickers, int[] Rows, Func<int, double> Write) Create()
    {
        var options = new ParquetWriterOptions { RowGroupRows = 65_536, PageRows = 8192, DictionaryPageLimitBytes = 64 * 1024, CreatedBy = "smallcaps version 0.0.0 (build bench)" };
        var data = SimulatorBarFiles.Load(3000);
        var batch = new ColumnBatch(BarSchema.Schema, 4096);
        var buffers = new ParquetWriteBuffers();
        double Write(int i)
        {
            var watch = new Stopwatch();
            BarFilesBenchmark.WriteFileAsync(BarSchema.Schema, options, buffers, batch, data[i], new CountingStream(), watch).GetAwaiter().GetResult();
            return watch.Elapsed.TotalSeconds;
        }

        return (data.Select(d => d.Ticker).ToArray(), data.Select(d => d.Rows).ToArray(), Write);
    }
}
