// Writes sample Parquet files with DuckDB (a foreign writer) for reader conformance tests:
// every codec DuckDB offers here, small row groups, nulls, strings, dates, timestamps, lists.
// Usage: node duckdb-write-samples.mjs OUTDIR   Prints the list of files written as JSON.
import { DuckDBInstance } from '@duckdb/node-api';

const [dir] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`CREATE TABLE t AS SELECT
  i::INTEGER AS id,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1000003 END::BIGINT AS big,
  CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 0.37)::DOUBLE END AS dbl,
  (i % 13 = 0) AS flag,
  CASE WHEN i % 5 = 0 THEN NULL ELSE 'tick' || (i % 17)::VARCHAR END AS ticker,
  repeat('x', i % 29) || i::VARCHAR AS note,
  DATE '2020-01-01' + (i % 1000)::INTEGER AS day,
  TIMESTAMP '2024-01-02 14:30:00' + to_microseconds(i * 60000017) AS ts,
  CASE WHEN i % 9 = 0 THEN NULL WHEN i % 4 = 0 THEN []::INTEGER[] ELSE [i % 3, i % 5, i]::INTEGER[] END AS conds,
  (i % 100)::SMALLINT AS small,
  (i * 1.5)::FLOAT AS flt
FROM range(6000) r(i)`);
const files = [];
for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli']) {
  const file = `${dir}/duckdb-${codec}.parquet`;
  await connection.run(`COPY t TO '${file}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 2048)`);
  files.push(file);
}
const v2 = `${dir}/duckdb-v2.parquet`;
try {
  await connection.run(`COPY t TO '${v2}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 2048, PARQUET_VERSION v2)`);
  files.push(v2);
} catch (e) {
  // Older DuckDB builds have no PARQUET_VERSION option; the V1 files still cover the rest.
}
process.stdout.write(JSON.stringify(files));
