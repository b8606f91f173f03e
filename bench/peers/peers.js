// The peers that bench/profile-peers times beside `seam profile`: polars and DuckDB computing
// the same summary of a file that a seam profile holds, per column: count, missing values,
// distinct values, and for numbers mean, standard deviation, min, max and quartiles, for
// text the count of each value.
//
// Usage: node bench/peers/peers.js polars|duckdb FILE THREADS [--query]
//   Prints the seconds taken (reading included) on stdout; with --query, the query instead.
// Polars reads its thread count from POLARS_MAX_THREADS before it loads, so it is set here
// first; DuckDB takes SET threads.
"use strict";
const [tool, file, threadsArg, flag] = process.argv.slice(2);
const threads = Number(threadsArg || 1);
process.env.POLARS_MAX_THREADS = String(threads);
const jsonl = /\.(jsonl|ndjson)$/.test(file);

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function polars() {
  const pl = require("nodejs-polars");
  const start = process.hrtime.bigint();
  // readJSON of a path fails in this release; scanJson reads the same lines.
  const df = jsonl ? pl.scanJson(file).collectSync() : pl.readCSV(file, { tryParseDates: true });
  const exprs = [];
  const texts = [];
  for (const name of df.columns) {
    const c = pl.col(name);
    exprs.push(c.count().alias(`${name}:count`), c.nullCount().alias(`${name}:missing`), c.nUnique().alias(`${name}:distinct`));
    const dtype = String(df.getColumn(name).dtype);
    if (/Float|Int/.test(dtype)) {
      exprs.push(c.mean().alias(`${name}:mean`), c.std().alias(`${name}:std`), c.min().alias(`${name}:min`),
        c.max().alias(`${name}:max`), c.quantile(0.25).alias(`${name}:q25`), c.median().alias(`${name}:q50`),
        c.quantile(0.75).alias(`${name}:q75`));
    } else if (/Date|Time/.test(dtype)) {
      exprs.push(c.min().alias(`${name}:min`), c.max().alias(`${name}:max`));
    } else {
      texts.push(name);
    }
  }
  const query = `df.select([count, nullCount, nUnique per column; mean, std, min, max, quantile(.25/.5/.75) per numeric column; min, max per date column]) and valueCounts() of ${texts.length} text columns`;
  if (flag === "--query") return query;
  df.select(exprs);
  for (const name of texts) df.getColumn(name).valueCounts();
  return seconds(start);
}

async function duckdb() {
  const { DuckDBInstance } = require("@duckdb/node-api");
  const start = process.hrtime.bigint();
  const db = await DuckDBInstance.create(":memory:", { threads: String(threads) });
  const con = await db.connect();
  const source = jsonl ? `read_json_auto('${file}', format = 'newline_delimited')` : `read_csv_auto('${file}')`;
  const types = (await con.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRows();
  const aggs = [];
  for (const [name, type] of types) {
    const c = `"${name}"`;
    aggs.push(`count(${c})`, `count(*) - count(${c})`, `approx_count_distinct(${c})`);
    if (/INT|DOUBLE|FLOAT|DECIMAL/.test(type)) {
      aggs.push(`avg(${c})`, `stddev_samp(${c})`, `min(${c})`, `max(${c})`, `approx_quantile(${c}, [0.25, 0.5, 0.75])`);
    } else if (/DATE|TIME/.test(type)) {
      aggs.push(`min(${c})`, `max(${c})`);
    } else {
      aggs.push(`histogram(${c})`);
    }
  }
  const query = `SELECT ${aggs.join(", ")} FROM ${source}`;
  if (flag === "--query") return query;
  await con.runAndReadAll(query);
  return seconds(start);
}

(tool === "polars" ? polars() : duckdb()).then(
  (r) => console.log(typeof r === "number" ? r.toFixed(3) : r),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
