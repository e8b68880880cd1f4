// The WASM SIMD ceiling of this machine: GFLOP/s of the register-only f64x2 multiply-add loop
// (assembly/bench/peak.ts). Every other suite quotes its speed as a share of this figure.
import { engine } from '../../dist/core/engine.js';
import { measure, warmUp } from '../harness.mjs';

const FLOPS_PER_ITERATION = 48;

export function measurePeak({ quick = false } = {}) {
  const wasm = engine();
  const iterations = quick ? 200_000 : 2_000_000;
  // Each call is one long loop: V8 runs a function's first calls in its baseline compiler and only
  // later ones in TurboFan, so warm up with short calls first.
  warmUp(() => wasm.peakF64x2(10_000, 0.5, 0.25), 300);
  // The ceiling is the best the machine does: keep the fastest of three rounds.
  let best = null;
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    const r = measure('peakF64x2', () => wasm.peakF64x2(iterations, 0.5, 0.25), { quick });
    if (!best || r.seconds < best.seconds) best = r;
  }
  return { gflops: (iterations * FLOPS_PER_ITERATION) / best.seconds / 1e9, rme: best.rme };
}

export async function run({ quick }) {
  const peak = measurePeak({ quick });
  return {
    text: `WASM SIMD peak (f64x2 mul + add, 12 chains in registers): ${peak.gflops.toFixed(2)} GFLOP/s (±${peak.rme.toFixed(1)}%)`,
    data: { peakGflops: peak.gflops, rme: peak.rme },
  };
}
