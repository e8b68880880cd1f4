#!/usr/bin/env node
// Benchmark runner: `npm run bench [-- suite ...] [--quick] [--json]`, also `mml bench`.
// Each suite prints a markdown table of ratios measured side by side in this one run and writes
// bench/results/<suite>.json.
import { saveResults } from './harness.mjs';

export const SUITES = ['peak', 'matmul', 'shapes', 'f32', 'threads', 'copy', 'small', 'gemv', 'solve', 'qr', 'eigh', 'eig', 'svd', 'pagerank', 'mlp', 'pca'];

export async function runBenchmarks({ suites = [], quick = false, json = false } = {}) {
  const names = suites.length ? suites : SUITES;
  const unknown = names.filter((s) => !SUITES.includes(s));
  if (unknown.length) throw Object.assign(new Error(`unknown bench suite '${unknown[0]}' (known: ${SUITES.join(', ')})`), { usage: true });
  const results = {};
  for (const name of names) {
    const suite = await import(`./suites/${name}.mjs`);
    const { text, data } = await suite.run({ quick });
    const file = saveResults(name, { quick, ...data });
    results[name] = data;
    if (!json) console.log(`${text}\n(${file})\n`);
  }
  if (json) console.log(JSON.stringify(results, null, 2));
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  for (const f of flags) {
    if (f !== '--quick' && f !== '--json') {
      console.error(`bench: unknown option '${f}'`);
      process.exit(2);
    }
  }
  try {
    await runBenchmarks({ suites: args.filter((a) => !a.startsWith('--')), quick: flags.has('--quick'), json: flags.has('--json') });
  } catch (error) {
    console.error(`bench: ${error.message}`);
    process.exit(error.usage ? 2 : 1);
  }
}
