#!/usr/bin/env node
// The `mml` command: reproduce course assignments, run benchmarks, show engine facts.
// User mistakes end with one clear line and exit code 2; failures of a run with exit code 1.

import { assignmentNames, reproduce, resolveAssignment, UnknownAssignmentError } from '../assignments/index.js';
import { EngineError, LinAlgError } from '../core/errors.js';
import { engineInfo } from '../core/info.js';
import { parseArgs, UsageError } from './args.js';
import { formatReport, formatSummary } from './print-report.js';

const HELP = `mml: the mml-wasm command

Usage:
  mml reproduce [name ...] [--out DIR] [--json] [--quick]
      Runs course assignments (all by default; a unique prefix such as 'la-3' works),
      prints their numbers and a summary table, writes figures to DIR (default ./mml-out).
  mml bench [suite ...] [--json] [--quick]
      Benchmark suites with ratios against peer libraries (see bench/README.md).
  mml info
      Version, SIMD, threads and memory of the engine.
  mml --help | --version

Assignments: ${assignmentNames().join(', ')}
`;

/** One line per step on stderr (stdout stays the report, or clean JSON with --json). */
function progressBar(done: number, total: number, line: string): void {
  const width = 20;
  const filled = Math.round((width * done) / Math.max(total, 1));
  process.stderr.write(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${line}\n`);
}

async function cmdReproduce(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['out'], ['json', 'quick']);
  const names = (args.positional.length ? args.positional : assignmentNames()).map(resolveAssignment);
  const options = { outDir: args.values.get('out') ?? 'mml-out', quick: args.flags.has('quick'), onProgress: progressBar };
  const results = [];
  for (const name of names) {
    const t0 = performance.now();
    const report = await reproduce(name, options);
    const seconds = (performance.now() - t0) / 1000;
    results.push({ report, seconds });
    if (!args.flags.has('json')) console.log(`${formatReport(report, seconds)}\n`);
  }
  if (args.flags.has('json')) console.log(JSON.stringify(results.map(({ report, seconds }) => ({ ...report, seconds })), null, 2));
  else console.log(formatSummary(results));
}

async function cmdBench(argv: string[]): Promise<void> {
  const args = parseArgs(argv, [], ['json', 'quick']);
  const { runBenchmarks } = await import(new URL('../../bench/run.mjs', import.meta.url).href);
  try {
    await runBenchmarks({ suites: args.positional, json: args.flags.has('json'), quick: args.flags.has('quick') });
  } catch (error) {
    if ((error as { usage?: boolean }).usage) throw new UsageError((error as Error).message);
    throw error;
  }
}

function cmdInfo(argv: string[]): void {
  parseArgs(argv, [], []);
  const info = engineInfo();
  console.log(`mml-wasm ${info.version}`);
  console.log(`simd          ${info.simd ? 'yes (WebAssembly SIMD f64x2)' : 'no'}`);
  console.log(`threads       ${info.threads}`);
  console.log(`memory        ${(info.memoryBytes / 2 ** 20).toFixed(2)} MiB of linear memory (grows on demand)`);
  console.log(`node          ${process.version}`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP);
        return 0;
      case '--version':
        console.log(engineInfo().version);
        return 0;
      case 'reproduce':
        await cmdReproduce(rest);
        return 0;
      case 'bench':
        await cmdBench(rest);
        return 0;
      case 'info':
        cmdInfo(rest);
        return 0;
      default:
        throw new UsageError(`unknown command '${command}' (try: mml --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnknownAssignmentError) {
      console.error(`mml: ${error.message}`);
      return 2;
    }
    if (error instanceof LinAlgError || error instanceof EngineError) {
      console.error(`mml: ${error.name}: ${error.message}`);
      return 1;
    }
    const detail = process.env.MML_DEBUG ? (error as Error).stack : `${String((error as Error)?.message ?? error)} (MML_DEBUG=1 shows the stack)`;
    console.error(`mml: internal error: ${detail}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
