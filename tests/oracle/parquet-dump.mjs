// Dumps every column of one or more Parquet files through DuckDB, cast so values compare exactly:
// timestamps as epoch integers in their own unit, dates as day numbers, blobs as hex, decimals as text.
// Usage: node parquet-dump.mjs FILE...   Prints [{file, columns:[{name,type}], rows:[[...]]} | {file, error}].
import { DuckDBInstance } from '@duckdb/node-api';

function toJson(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && 'items' in value && Array.isArray(value.items)) return value.items.map(toJson);
  return String(value);
}

function quoteIdent(name) { return '"' + name.replaceAll('"', '""') + '"'; }
function quoteLiteral(s) { return "'" + s.replaceAll("'", "''") + "'"; }

function projection(name, type) {
  const c = quoteIdent(name);
  if (type === 'TIMESTAMP_NS') return `epoch_ns(${c})`;
  if (type === 'TIMESTAMP_MS') return `epoch_ms(${c})`;
  if (type === 'TIMESTAMP_S') return `epoch(${c})::BIGINT`;
  if (type.startsWith('TIMESTAMP')) return `epoch_us(${c})`;
  if (type === 'DATE') return `(${c} - DATE '1970-01-01')`;
  if (type === 'BLOB') return `hex(${c})`;
  if (type.startsWith('DECIMAL') || type === 'UUID' || type === 'HUGEINT' || type === 'UHUGEINT') return `${c}::VARCHAR`;
  return c;
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run('SET threads=1');
const out = [];
for (const file of process.argv.slice(2)) {
  try {
    const src = `read_parquet(${quoteLiteral(file)})`;
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`);
    const columns = described.getRows().map(r => ({ name: String(r[0]), type: String(r[1]) }));
    const list = columns.map(col => `${projection(col.name, col.type)} AS ${quoteIdent(col.name)}`).join(', ');
    try {
      const reader = await connection.runAndReadAll(`SELECT ${list} FROM ${src}`);
      out.push({ file, columns, rows: reader.getRows().map(r => r.map(toJson)) });
    } catch (whole) {
      // DuckDB rejects some columns (e.g. BYTE_STREAM_SPLIT on integers): read the others one by one.
      const values = [];
      for (const col of columns) {
        try {
          const r = await connection.runAndReadAll(`SELECT ${projection(col.name, col.type)} FROM ${src}`);
          values.push(r.getRows().map(row => toJson(row[0])));
        } catch (e) {
          col.error = String(e && e.message ? e.message : e);
          values.push(null);
        }
      }
      const count = Math.max(0, ...values.filter(v => v).map(v => v.length));
      const rows = [];
      for (let i = 0; i < count; i++) rows.push(values.map(v => (v ? v[i] : null)));
      out.push({ file, columns, rows });
    }
  } catch (e) {
    out.push({ file, error: String(e && e.message ? e.message : e) });
  }
}
process.stdout.write(JSON.stringify(out));
