// Benchmark helper: DuckDB (threads=1) sums every column of a file (string lengths, timestamps as
// epoch ms) so every value is decoded; prints {bestMs, bestCpuMs (process CPU), runsMs, sql, row}.
// Usage: node duckdb-scan-bench.mjs FILE [RUNS]
import { DuckDBInstance } from '@duckdb/node-api';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run('SET threads=1');
const src = "read_parquet('" + file.replaceAll("'", "''") + "')";
const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`);
const sums = described.getRows().map(([name, type]) => {
  const c = '"' + String(name).replaceAll('"', '""') + '"';
  const t = String(type);
  if (t === 'VARCHAR' || t === 'BLOB') return `sum(length(${c}))`;
  if (t.startsWith('TIMESTAMP')) return `sum(epoch_ms(${c}))`;
  if (t === 'BOOLEAN') return `sum(${c}::INT)`;
  if (t.endsWith('[]')) return `sum(len(${c}))`;
  return `sum(${c})`;
});
const sql = `SELECT ${sums.join(', ')}, count(*) FROM ${src}`;
const times = [];
const cpus = [];
let row = null;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const reader = await connection.runAndReadAll(sql);
  const c = process.cpuUsage(c0);
  times.push(performance.now() - t0);
  cpus.push((c.user + c.system) / 1000);
  row = reader.getRows()[0].map(v => (typeof v === 'bigint' ? v.toString() : String(v)));
}
process.stdout.write(JSON.stringify({ bestMs: Math.min(...times), bestCpuMs: Math.min(...cpus), runsMs: times, sql, row }));
