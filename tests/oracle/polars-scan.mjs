// Reads Parquet files with polars (nodejs-polars: the Rust engine Python polars uses) and prints what a user would see
// as JSON on stdout: the schema, the row count, and per ticker the bars, distinct t, first and last t (epoch ms).
// Usage: node polars-scan.mjs <path or glob> [--hive true|false] [--ticker T]
// Always scanParquet: Python's read_parquet of a glob is a scan collected, while nodejs-polars' readParquet takes no glob.
import pl from 'nodejs-polars';

const args = process.argv.slice(2);
const path = args[0];
if (!path) {
  console.error('usage: node polars-scan.mjs <path or glob> [--hive true|false] [--ticker T]');
  process.exit(2);
}

const option = name => {
  const i = args.indexOf(name);
  return i > 0 ? args[i + 1] : undefined;
};
const hive = option('--hive');
const ticker = option('--ticker');
const settings = hive === undefined ? {} : { hivePartitioning: hive === 'true' };

let frame = pl.scanParquet(path, settings);
if (ticker !== undefined) {
  frame = frame.filter(pl.col('ticker').eq(pl.lit(ticker)));
}

const all = frame.collectSync();
const schema = Object.fromEntries(Object.entries(all.schema).map(([name, type]) => [name, String(type)]));
const byTicker = all.height === 0 ? [] : all
  .groupBy('ticker')
  .agg(
    pl.col('t').count().alias('bars'),
    pl.col('t').nUnique().alias('distinct_t'),
    pl.col('t').min().cast(pl.Int64).alias('first_t'),
    pl.col('t').max().cast(pl.Int64).alias('last_t'))
  .sort('ticker')
  .toRecords()
  .map(r => ({ ticker: String(r.ticker), bars: Number(r.bars), distinct_t: Number(r.distinct_t), first_t: Number(r.first_t), last_t: Number(r.last_t) }));
process.stdout.write(JSON.stringify({ schema, rows: all.height, tickers: byTicker }));
