// The ceiling for our kernels: the fastest register-only multiply-add loop we found for this
// machine's V8 (bench/peak.bench.mjs measures it).
//
// 12 independent chains a = a * y + x: each step is one f64x2.mul and one f64x2.add on the chain,
// so 12 chains keep 2 multipliers and 2 adders busy through their latency (3 + 3 cycles on Zen).
// Registers: 12 accumulators + x + y + 1 temporary = 15 of the 16 xmm registers, no spills.
// y and x are parameters and the chains are loop-carried, so nothing can be constant-folded or
// hoisted. Measured here (AMD EPYC, Node 20, TurboFan): about 24.8 GFLOP/s (10 chains: 23.8).

export function peakF64x2(iterations: i32, y0: f64, x0: f64): f64 {
  const y = f64x2.splat(y0);
  const x = f64x2.splat(x0);
  let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.1), a2 = f64x2.splat(0.2), a3 = f64x2.splat(0.3);
  let a4 = f64x2.splat(0.4), a5 = f64x2.splat(0.5), a6 = f64x2.splat(0.6), a7 = f64x2.splat(0.7);
  let a8 = f64x2.splat(0.8), a9 = f64x2.splat(0.9), a10 = f64x2.splat(1.0), a11 = f64x2.splat(1.1);
  for (let i = 0; i < iterations; i++) {
    a0 = f64x2.add(f64x2.mul(a0, y), x);
    a1 = f64x2.add(f64x2.mul(a1, y), x);
    a2 = f64x2.add(f64x2.mul(a2, y), x);
    a3 = f64x2.add(f64x2.mul(a3, y), x);
    a4 = f64x2.add(f64x2.mul(a4, y), x);
    a5 = f64x2.add(f64x2.mul(a5, y), x);
    a6 = f64x2.add(f64x2.mul(a6, y), x);
    a7 = f64x2.add(f64x2.mul(a7, y), x);
    a8 = f64x2.add(f64x2.mul(a8, y), x);
    a9 = f64x2.add(f64x2.mul(a9, y), x);
    a10 = f64x2.add(f64x2.mul(a10, y), x);
    a11 = f64x2.add(f64x2.mul(a11, y), x);
  }
  const s = f64x2.add(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)), f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7)));
  const t = f64x2.add(f64x2.add(a8, a9), f64x2.add(a10, a11));
  const u = f64x2.add(s, t);
  return f64x2.extract_lane(u, 0) + f64x2.extract_lane(u, 1);
}

/** Flops per iteration of peakF64x2: 12 chains x (mul + add) x 2 lanes. */
export const PEAK_F64X2_FLOPS_PER_ITERATION: i32 = 48;

// The same loop on f32x4 (4 lanes): measured here about 46 GFLOP/s.
export function peakF32x4(iterations: i32, y0: f32, x0: f32): f32 {
  const y = f32x4.splat(y0);
  const x = f32x4.splat(x0);
  let a0 = f32x4.splat(0.0), a1 = f32x4.splat(0.1), a2 = f32x4.splat(0.2), a3 = f32x4.splat(0.3);
  let a4 = f32x4.splat(0.4), a5 = f32x4.splat(0.5), a6 = f32x4.splat(0.6), a7 = f32x4.splat(0.7);
  let a8 = f32x4.splat(0.8), a9 = f32x4.splat(0.9), a10 = f32x4.splat(1.0), a11 = f32x4.splat(1.1);
  for (let i = 0; i < iterations; i++) {
    a0 = f32x4.add(f32x4.mul(a0, y), x);
    a1 = f32x4.add(f32x4.mul(a1, y), x);
    a2 = f32x4.add(f32x4.mul(a2, y), x);
    a3 = f32x4.add(f32x4.mul(a3, y), x);
    a4 = f32x4.add(f32x4.mul(a4, y), x);
    a5 = f32x4.add(f32x4.mul(a5, y), x);
    a6 = f32x4.add(f32x4.mul(a6, y), x);
    a7 = f32x4.add(f32x4.mul(a7, y), x);
    a8 = f32x4.add(f32x4.mul(a8, y), x);
    a9 = f32x4.add(f32x4.mul(a9, y), x);
    a10 = f32x4.add(f32x4.mul(a10, y), x);
    a11 = f32x4.add(f32x4.mul(a11, y), x);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)));
  const t = f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11));
  const u = f32x4.add(s, t);
  return f32x4.extract_lane(u, 0) + f32x4.extract_lane(u, 1) + f32x4.extract_lane(u, 2) + f32x4.extract_lane(u, 3);
}

/** Flops per iteration of peakF32x4: 12 chains x (mul + add) x 4 lanes. */
export const PEAK_F32X4_FLOPS_PER_ITERATION: i32 = 96;
