// Shared benchmark machinery: benchmark.js timing, markdown tables, JSON results.
import Benchmark from 'benchmark';
import { mkdirSync, writeFileSync } from 'node:fs';

/**
 * Times fn with benchmark.js: mean seconds per call and relative margin of error (%).
 * quick: a few samples only, for CI smoke runs.
 */
export function measure(name, fn, { quick = false, short = false } = {}) {
  const options = quick ? { maxTime: 0.05, minSamples: 2, initCount: 1 } : short ? { maxTime: 0.1, minSamples: 2 } : { maxTime: 0.5, minSamples: 5 };
  const bench = new Benchmark(name, fn, options);
  bench.run({ async: false });
  if (bench.error) throw bench.error;
  return { name, seconds: bench.stats.mean, rme: bench.stats.rme, samples: bench.stats.sample.length };
}

/**
 * Times several functions in interleaved short rounds (A B C A B C ...) until a time budget is
 * spent, and keeps each one's fastest round. This machine is shared: for seconds at a time a
 * core runs at about half speed (other tenants); short alternating rounds give every candidate the
 * same chances, and the fastest round is the least disturbed estimate. At least `rounds` rounds.
 * Returns seconds per call by name.
 */
export function measureInterleaved(candidates, { quick = false, rounds = 1, budget = quick ? 0 : 4 } = {}) {
  const best = {};
  const start = performance.now();
  for (let round = 0; round < rounds || (performance.now() - start) / 1e3 < budget; round++) {
    for (const [name, fn] of Object.entries(candidates)) {
      const s = measure(name, fn, { quick, short: true }).seconds;
      if (!(name in best) || s < best[name]) best[name] = s;
    }
  }
  return best;
}

/**
 * Rounds that alternate candidates (each timed by measure, short) and an optional `extra()` that
 * returns more seconds by name (a numpy subprocess); keeps each name's fastest. A candidate slower
 * than `slowSeconds` gets no more than two rounds. Returns seconds per call by name.
 */
export function alternatingRounds(candidates, { rounds, quick = false, slowSeconds = Infinity, extra = null }) {
  const best = {};
  const count = {};
  const keep = (name, s) => {
    if (s != null && !(best[name] <= s)) best[name] = s;
  };
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(candidates)) {
      if (best[name] > slowSeconds && count[name] >= 2) continue;
      count[name] = (count[name] ?? 0) + 1;
      keep(name, measure(name, fn, { quick, short: true }).seconds);
    }
    if (extra) for (const [name, s] of Object.entries(extra())) keep(name, s);
  }
  return best;
}

/** Runs fn a few times so that V8 tiers the WASM and JS code up before measuring. */
export function warmUp(fn, times = 3) {
  for (let i = 0; i < times; i++) fn();
}

/** A markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(all[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...all.slice(1).map(line)].join('\n');
}

/** Writes bench/results/<suite>.json (the latest run of that suite on this machine). */
export function saveResults(suite, data) {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${suite}${data.quick ? '.quick' : ''}.json`, dir);
  writeFileSync(file, JSON.stringify({ suite, date: new Date().toISOString(), node: process.version, ...data }, null, 2));
  return file.pathname;
}

export const fmt = {
  ms: (s) => (s * 1e3 >= 100 ? (s * 1e3).toFixed(0) : (s * 1e3).toPrecision(3)),
  gflops: (flops, s) => (flops / s / 1e9).toFixed(2),
  ratio: (x) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3)) + 'x',
};

/** The module, or null when it is not installed (peers are devDependencies). */
export async function optionalImport(name) {
  try {
    return await import(name);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') return null;
    throw error;
  }
}
