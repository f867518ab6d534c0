// Reads Parquet files with two readers independent of ours and of DuckDB: hyparquet (pure JS) and
// parquet-wasm (arrow-rs compiled to WASM), and prints every column's values as lossless JSON.
// Usage: node foreign-read.mjs FILE...
// Prints [{file, hyparquet: READ, wasm: READ}] where READ = {rows, columns: [{name, kind, values}]} | {error};
// hyparquet's READ also has rowGroups: [{rows, columns: [{path, codec, dataPages, dataPageEncodings, nullCount, min, max}]}]:
// the footer as hyparquet decodes it (encodings from encoding_stats; min_value/max_value in the value notation above).
// Values: null; int32 and day numbers (DATE) as numbers; int64 and timestamps (integer epoch units) as
// strings; doubles as numbers, with "NaN", "Infinity", "-Infinity" and "-0" as strings; lists as arrays.
// kind says how the reader understood the column: hyparquet names the converter it applied
// ("timestamp-millis", "date", "string", ...; "" = raw physical values), parquet-wasm gives the Arrow
// C data interface format string ("tsm:UTC", "tdD", "u", "+l", ...) with the list element's after a '/'.
import { readFileSync } from 'node:fs';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readParquet, wasmMemory } from 'parquet-wasm';

// fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: a leading U+FEFF is data (TextDecoder drops it by
// default, and so does hyparquet's default string parser, which is why ours replaces it).
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function errorText(e) { return String(e && e.message ? e.message : e); }

function scalar(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    if (v === 0 && 1 / v < 0) return '-0';
    return v;
  }
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v, scalar);
  throw new Error(`unexpected value ${Object.prototype.toString.call(v)} ${String(v)}`);
}

// ---- hyparquet: one column per read, so the converters it applies can be attributed to the column.
async function readHyparquet(bytes) {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let applied = new Set();
  const parsers = {
    timestampFromMilliseconds(v) { applied.add('timestamp-millis'); return BigInt(v).toString(); },
    timestampFromMicroseconds(v) { applied.add('timestamp-micros'); return BigInt(v).toString(); },
    timestampFromNanoseconds(v) { applied.add('timestamp-nanos'); return BigInt(v).toString(); },
    dateFromDays(v) { applied.add('date'); return v; },
    stringFromBytes(b) { applied.add('string'); return b && utf8Decoder.decode(b); },
  };
  const metadata = parquetMetadata(file, { parsers });
  const names = metadata.schema.filter((e, i) => i > 0 && isTopLevel(metadata.schema, i)).map(e => e.name);
  const columns = [];
  for (const name of names) {
    applied = new Set();
    // utf8: false -> only BYTE_ARRAY columns annotated STRING/UTF8 become strings (others stay bytes).
    const rows = await parquetReadObjects({ file, metadata, compressors, parsers, utf8: false, columns: [name] });
    columns.push({ name, kind: [...applied].sort().join(','), values: rows.map(r => scalar(r[name])) });
  }
  const rowGroups = metadata.row_groups.map(g => ({
    rows: Number(g.num_rows),
    columns: g.columns.map(c => {
      const st = c.meta_data.statistics;
      return {
        path: c.meta_data.path_in_schema.join('.'),
        codec: c.meta_data.codec,
        dataPages: (c.meta_data.encoding_stats || []).filter(e => e.page_type === 'DATA_PAGE').reduce((n, e) => n + e.count, 0),
        dataPageEncodings: [...new Set((c.meta_data.encoding_stats || []).filter(e => e.page_type === 'DATA_PAGE').map(e => e.encoding))].sort(),
        nullCount: st && st.null_count !== undefined ? scalar(st.null_count) : null,
        min: st ? scalar(st.min_value) : null,
        max: st ? scalar(st.max_value) : null,
      };
    }),
  }));
  return { rows: Number(metadata.num_rows), columns, rowGroups };
}

// Flat schema list -> is element i a direct child of the root? (walks num_children)
function isTopLevel(schema, index) {
  let i = 1;
  while (i < schema.length) {
    if (i === index) return true;
    i = skip(schema, i);
  }
  return false;
}

function skip(schema, i) {
  const n = schema[i].num_children || 0;
  let next = i + 1;
  for (let c = 0; c < n; c++) next = skip(schema, next);
  return next;
}

// ---- parquet-wasm: the Arrow table is exported through the Arrow C data interface and decoded from
// WASM memory (wasm32: pointers 4 bytes, int64 8-byte aligned), so no Arrow JS library is needed.
function readWasm(bytes) {
  const table = readParquet(bytes);
  const stream = table.intoFFI();
  try {
    const view = new DataView(wasmMemory().buffer);
    const schema = readSchema(view, stream.schemaAddr());
    if (schema.format !== '+s') throw new Error(`top-level format ${schema.format} is not a struct`);
    const columns = schema.children.map(c => ({ name: c.name, kind: kindOf(c), values: [] }));
    let rows = 0;
    for (let b = 0; b < stream.numArrays(); b++) {
      const batch = readArray(view, stream.arrayAddr(b));
      rows += batch.length;
      schema.children.forEach((child, c) => {
        for (let i = 0; i < batch.length; i++) {
          columns[c].values.push(scalar(valueAt(view, child, batch.children[c], batch.offset + i)));
        }
      });
    }
    return { rows, columns };
  } finally {
    stream.free();
  }
}

function kindOf(s) { return s.children.length === 1 && s.format.startsWith('+') && s.format !== '+s' ? `${s.format}/${kindOf(s.children[0])}` : s.format; }

function cString(view, ptr) {
  if (ptr === 0) return null;
  let end = ptr;
  while (view.getUint8(end) !== 0) end++;
  return utf8Decoder.decode(new Uint8Array(view.buffer, ptr, end - ptr));
}

function readSchema(view, ptr) {
  const n = Number(view.getBigInt64(ptr + 24, true));
  const childrenPtr = view.getUint32(ptr + 32, true);
  const children = [];
  for (let i = 0; i < n; i++) children.push(readSchema(view, view.getUint32(childrenPtr + 4 * i, true)));
  const dictionaryPtr = view.getUint32(ptr + 36, true);
  return {
    format: cString(view, view.getUint32(ptr, true)),
    name: cString(view, view.getUint32(ptr + 4, true)),
    children,
    dictionary: dictionaryPtr === 0 ? null : readSchema(view, dictionaryPtr),
  };
}

function readArray(view, ptr) {
  const nBuffers = Number(view.getBigInt64(ptr + 24, true));
  const nChildren = Number(view.getBigInt64(ptr + 32, true));
  const buffersPtr = view.getUint32(ptr + 40, true);
  const childrenPtr = view.getUint32(ptr + 44, true);
  const dictionaryPtr = view.getUint32(ptr + 48, true);
  const buffers = [];
  for (let i = 0; i < nBuffers; i++) buffers.push(view.getUint32(buffersPtr + 4 * i, true));
  const children = [];
  for (let i = 0; i < nChildren; i++) children.push(readArray(view, view.getUint32(childrenPtr + 4 * i, true)));
  return {
    length: Number(view.getBigInt64(ptr, true)),
    offset: Number(view.getBigInt64(ptr + 16, true)),
    buffers,
    children,
    dictionary: dictionaryPtr === 0 ? null : readArray(view, dictionaryPtr),
  };
}

function bit(view, bufferPtr, index) { return (view.getUint8(bufferPtr + (index >> 3)) >> (index & 7)) & 1; }

// Value at absolute index i (array offset already added) of an array with schema s.
function valueAt(view, s, a, i) {
  if (a.buffers[0] !== 0 && s.format !== 'n' && !bit(view, a.buffers[0], i)) return null;
  if (s.dictionary) {
    const key = Number(valueAt(view, { format: s.format, children: [], dictionary: null }, { ...a, buffers: [0, a.buffers[1]] }, i));
    return valueAt(view, s.dictionary, a.dictionary, a.dictionary.offset + key);
  }
  const f = s.format;
  const data = a.buffers[1];
  if (f === 'b') return bit(view, data, i) === 1;
  if (f === 'c') return view.getInt8(data + i);
  if (f === 's') return view.getInt16(data + 2 * i, true);
  if (f === 'i' || f === 'tdD' || f === 'tts' || f === 'ttm') return view.getInt32(data + 4 * i, true);
  if (f === 'l' || f.startsWith('ts') || f === 'tdm' || f === 'ttu' || f === 'ttn') return view.getBigInt64(data + 8 * i, true);
  if (f === 'f') return view.getFloat32(data + 4 * i, true);
  if (f === 'g') return view.getFloat64(data + 8 * i, true);
  if (f === 'u' || f === 'z') return bytesOrText(f, view, data, view.getInt32(data + 4 * i, true), view.getInt32(data + 4 * i + 4, true), a.buffers[2]);
  if (f === 'U' || f === 'Z') return bytesOrText(f, view, data, Number(view.getBigInt64(data + 8 * i, true)), Number(view.getBigInt64(data + 8 * i + 8, true)), a.buffers[2]);
  if (f === 'vu' || f === 'vz') {
    const v = data + 16 * i;
    const length = view.getInt32(v, true);
    const bytes = length <= 12
      ? new Uint8Array(view.buffer, v + 4, length)
      : new Uint8Array(view.buffer, a.buffers[2 + view.getInt32(v + 8, true)] + view.getInt32(v + 12, true), length);
    return f === 'vu' ? utf8Decoder.decode(bytes) : Buffer.from(bytes).toString('hex');
  }
  if (f === '+l' || f === '+L') {
    const start = f === '+l' ? view.getInt32(data + 4 * i, true) : Number(view.getBigInt64(data + 8 * i, true));
    const end = f === '+l' ? view.getInt32(data + 4 * i + 4, true) : Number(view.getBigInt64(data + 8 * i + 8, true));
    const child = a.children[0];
    const out = [];
    for (let j = start; j < end; j++) out.push(valueAt(view, s.children[0], child, child.offset + j));
    return out;
  }
  throw new Error(`Arrow format ${f} (column ${s.name}) is not decoded by foreign-read.mjs`);
}

// The data pointer of a variable-width array is its offsets buffer; the bytes are in buffers[2].
function bytesOrText(f, view, offsetsPtr, start, end, dataPtr) {
  const bytes = new Uint8Array(view.buffer, dataPtr + start, end - start);
  return f === 'u' || f === 'U' ? utf8Decoder.decode(bytes) : Buffer.from(bytes).toString('hex');
}

const out = [];
for (const file of process.argv.slice(2)) {
  const bytes = new Uint8Array(readFileSync(file));
  const entry = { file };
  try { entry.hyparquet = await readHyparquet(bytes); } catch (e) { entry.hyparquet = { error: errorText(e) }; }
  try { entry.wasm = readWasm(bytes); } catch (e) { entry.wasm = { error: errorText(e) }; }
  out.push(entry);
}
process.stdout.write(JSON.stringify(out));
