// Runs many SQL statements in one in-memory DuckDB (one node start for many files) and prints a JSON
// array with, per statement, {columns, types, rows} or {error}. Values are printed as in duckdb-query.mjs.
// Usage: node duckdb-batch.mjs queries.json   (a JSON array of SQL strings)
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const queries = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function toJson(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    if ('items' in value && Array.isArray(value.items)) return value.items.map(toJson);
    if (typeof value.toString === 'function' && value.toString !== Object.prototype.toString) return value.toString();
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return value;
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");
const results = [];
for (const sql of queries) {
  try {
    const reader = await connection.runAndReadAll(sql);
    const names = reader.columnNames();
    const rows = reader.getRows().map(r => r.map(toJson));
    results.push({ columns: names, types: reader.columnTypes().map(t => t.toString()), rows });
  } catch (e) {
    results.push({ error: String(e && e.message || e) });
  }
}
process.stdout.write(JSON.stringify(results));
