// Benchmark helper: loads a Parquet file into an in-memory DuckDB table (untimed), then times only
// COPY ... TO (FORMAT parquet, COMPRESSION snappy) with one thread, and checks both files hold the same rows.
// Usage: node bench-duckdb-copy.mjs <source.parquet> <destination.parquet> [other.parquet to compare with source]
import { DuckDBInstance } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';

const [source, destination, other] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`CREATE TABLE bars AS SELECT * FROM read_parquet('${source}')`);
await connection.run('SET threads = 1');
const started = performance.now();
await connection.run(`COPY bars TO '${destination}' (FORMAT parquet, COMPRESSION snappy)`);
const copySeconds = (performance.now() - started) / 1000;
await connection.run('SET threads = 2');
const diff = await connection.runAndReadAll(
  `SELECT count(*) FROM (SELECT * FROM read_parquet('${source}') EXCEPT ALL SELECT * FROM read_parquet('${destination}'))`);
const differingRows = Number(diff.getRows()[0][0]);
let differingRowsOther = 0;
if (other) {
  const d2 = await connection.runAndReadAll(
    `SELECT count(*) FROM (SELECT * FROM read_parquet('${source}') EXCEPT ALL SELECT * FROM read_parquet('${other}'))`);
  differingRowsOther = Number(d2.getRows()[0][0]);
}
process.stdout.write(JSON.stringify({ copySeconds, differingRows, differingRowsOther }));
