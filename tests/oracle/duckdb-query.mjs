// Runs one SQL statement in an in-memory DuckDB and prints the rows as JSON on stdout.
// Usage: node duckdb-query.mjs "<sql>"  (or: node duckdb-query.mjs --file query.sql)
// Values are printed losslessly: integers as decimal strings, doubles with NaN/Infinity as strings.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const sql = args[0] === '--file' ? readFileSync(args[1], 'utf8') : args[0];
if (!sql) {
  console.error('usage: node duckdb-query.mjs "<sql>" | --file F');
  process.exit(2);
}

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
const reader = await connection.runAndReadAll(sql);
const names = reader.columnNames();
const rows = reader.getRows().map(r => Object.fromEntries(r.map((v, i) => [names[i], toJson(v)])));
process.stdout.write(JSON.stringify({ columns: names, types: reader.columnTypes().map(t => t.toString()), rows }));
