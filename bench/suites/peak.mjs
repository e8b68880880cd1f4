// The WASM SIMD ceilings of this machine: GFLOP/s of the register-only multiply-add loops of
// assembly/bench/peak.ts (12 chains of f64x2, or of f32x4). Other suites quote "% of peak" against them.
import { engine } from '../../dist/core/engine.js';
import { measure, warmUp } from '../harness.mjs';

const KERNELS = {
  float64: { fn: 'peakF64x2', flops: 48 },
  float32: { fn: 'peakF32x4', flops: 96 },
};

/**
 * The peak loop as a candidate for measureInterleaved (so that "% of peak" compares rounds taken
 * at the same moments): `fn` runs it, `gflops(seconds)` converts its time.
 */
export function peakCandidate(dtype = 'float64') {
  const { wasm } = engine();
  const { fn, flops } = KERNELS[dtype];
  const iterations = 100_000;
  warmUp(() => wasm[fn](10_000, 0.5, 0.25), 300);
  return { fn: () => wasm[fn](iterations, 0.5, 0.25), gflops: (seconds) => (iterations * flops) / seconds / 1e9 };
}

export function measurePeak({ quick = false, dtype = 'float64' } = {}) {
  const { wasm } = engine();
  const { fn, flops } = KERNELS[dtype];
  const iterations = quick ? 200_000 : 2_000_000;
  // Each call is one long loop: V8 runs a function's first calls in its baseline compiler and only
  // later ones in TurboFan, so warm up with short calls first.
  warmUp(() => wasm[fn](10_000, 0.5, 0.25), 300);
  // The ceiling is the best the machine does: keep the fastest of three rounds.
  let best = null;
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    const r = measure(fn, () => wasm[fn](iterations, 0.5, 0.25), { quick });
    if (!best || r.seconds < best.seconds) best = r;
  }
  return { gflops: (iterations * flops) / best.seconds / 1e9, rme: best.rme };
}

export async function run({ quick }) {
  const f64 = measurePeak({ quick });
  const f32 = measurePeak({ quick, dtype: 'float32' });
  return {
    text: [
      `WASM SIMD peak, one thread, 12 multiply-add chains in registers:`,
      `  f64x2 ${f64.gflops.toFixed(2)} GFLOP/s (±${f64.rme.toFixed(1)}%)`,
      `  f32x4 ${f32.gflops.toFixed(2)} GFLOP/s (±${f32.rme.toFixed(1)}%)`,
    ].join('\n'),
    data: { peakGflops: f64.gflops, peakF32Gflops: f32.gflops },
  };
}
