// Drives the vendor's official JS client (@massive.com/client-js) against a base URL (the simulator) and
// prints what it returned as JSON on stdout, rows sorted (the client's pagination puts later pages first).
// Usage: node massive-client.mjs <baseUrl> <apiKey> '<spec json>'
// spec: { ticker, aggs: {timespan, from, to, limit, adjusted}, trades: {gte, lt, limit},
//         quotes: {gte, lt, limit}, tickers: {type, market, exchange, active, limit} }
// Every listed call runs with `pagination: true`; a client error exits 1 with the message on stderr.
import { restClient } from '@massive.com/client-js';

const [baseUrl, apiKey, specText] = process.argv.slice(2);
if (!baseUrl || !apiKey || !specText) {
  console.error("usage: node massive-client.mjs <baseUrl> <apiKey> '<spec json>'");
  process.exit(2);
}

const spec = JSON.parse(specText);
const rest = restClient(apiKey, baseUrl, { pagination: true });
const out = {};

try {
  if (spec.aggs) {
    const a = spec.aggs;
    const r = await rest.getStocksAggregates({
      stocksTicker: spec.ticker, multiplier: 1, timespan: a.timespan, from: a.from, to: a.to,
      adjusted: a.adjusted ?? true, sort: 'asc', limit: a.limit,
    });
    out.aggs = { status: r.status, ticker: r.ticker, results: [...(r.results ?? [])].sort((x, y) => x.t - y.t) };
  }

  if (spec.trades) {
    const t = spec.trades;
    const r = await rest.getStocksTrades({
      stockTicker: spec.ticker, timestampGte: t.gte, timestampLt: t.lt, order: 'asc', sort: 'timestamp', limit: t.limit,
    });
    out.trades = { status: r.status, results: [...(r.results ?? [])].sort((x, y) => x.sip_timestamp - y.sip_timestamp || x.sequence_number - y.sequence_number) };
  }

  if (spec.quotes) {
    const q = spec.quotes;
    const r = await rest.getStocksQuotes({
      stockTicker: spec.ticker, timestampGte: q.gte, timestampLt: q.lt, order: 'asc', sort: 'timestamp', limit: q.limit,
    });
    out.quotes = { status: r.status, results: [...(r.results ?? [])].sort((x, y) => x.sip_timestamp - y.sip_timestamp || x.sequence_number - y.sequence_number) };
  }

  if (spec.tickers) {
    const r = await rest.listTickers(spec.tickers);
    const rows = [...(r.results ?? [])].sort((x, y) => (x.ticker < y.ticker ? -1 : x.ticker > y.ticker ? 1 : x.composite_figi < y.composite_figi ? -1 : 1));
    out.tickers = { status: r.status, results: rows };
  }

  if (spec.details) {
    const r = await rest.getTicker({ ticker: spec.details });
    out.details = { status: r.status, results: r.results };
  }
} catch (e) {
  console.error(`client error: ${e?.response?.status ?? ''} ${e?.message ?? e}`);
  process.exit(1);
}

process.stdout.write(JSON.stringify(out));
