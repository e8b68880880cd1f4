// The f64 gemm micro-kernel: one MR x NR = 2 x 8 tile of C accumulated in SIMD registers.
//
// Measured on this machine (AMD EPYC Zen 4, Node 20 / V8 11.3 TurboFan, one pinned core), against a
// register-only peak of 24.8 GFLOP/s (assembly/bench/peak.ts):
//   kernel alone, panels in L1, kc = 256:              ~25.3 GFLOP/s (~100%)
//   full dgemm (gemm.ts), n = 128 / 256 / 512 / 1024:  ~23.8 / 23.5 / 23.0 / 23.2 GFLOP/s (92-96%)
//   1000x784 * 784x784: ~23.4,  X^T X (X 10000x784): ~23.0,  64x784 * 784x128: ~23.1 (92-95%)
// (the previous 4x4 load64_splat kernel with an i32 counter measured ~17.8 GFLOP/s, 72%).
//
// Register plan (x64 V8 allocates xmm0-xmm14; xmm15 is its scratch register). No FMA in wasm SIMD,
// so each multiply-add is an f64x2.mul into a temporary plus an f64x2.add:
//   c0_0..c0_3, c1_0..c1_3   8 accumulators: row i of the tile as four f64x2 (columns 0-1 .. 6-7)
//   b0..b3                   4 registers: row p of the packed B micro-panel (NR = 8 values)
//   a0, a1                   2 registers: A[0, p] and A[1, p], each already duplicated in both lanes
//   1 temporary              for the products
// = 15 registers, no spills. Per k step: 6 loads, 8 mul, 8 add (32 flops).
//
// What matters for V8 (measured with --print-wasm-code on Node 20):
// * V8's scheduler puts every load of a basic block at the top of the block, before the arithmetic.
//   So the registers needed are (accumulators + everything loaded in the block), not the number
//   live in program order: MR x NR tiles with acc + loads > 14 (5x4, 6x4, 4x6, 3x8) spill
//   accumulators every step and run at ~50%.
// * A is packed pre-duplicated (ADUP = 2: each A value stored twice, 16 bytes), so it is read with
//   plain v128.load, whose constant offset folds into the x64 address. v128.load64_splat does not
//   fold its offset: V8 materialises mem_start+offset in a general register for every distinct
//   offset, which runs out of registers (and adds leas) as soon as the loop is unrolled.
// * Block splitting: the k loop is unrolled 4 times, and between the unrolled steps sits a branch
//   that can never be taken (`if (pb > pbLast) break;` etc. -- each uses a different condition so
//   TurboFan's branch elimination cannot merge them). The break edge makes the accumulators live
//   out of each step, which pins each step's arithmetic in its own block, so each step's loads are
//   scheduled next to its arithmetic instead of all 4 steps' loads being hoisted to the top
//   (which spills). Without the splits, unrolling by 2 or 4 drops to 55% / 35%.
// * The loop runs on a pointer compared against an end pointer (no i32 counter); V8 then also adds
//   its own unrolling/peeling and the stack check is paid once per 4 steps.

export const MR: i32 = 2;
export const NR: i32 = 8;
/** Each packed A value is stored ADUP times (duplicated into both lanes of an f64x2). */
export const ADUP: i32 = 2;

/**
 * tile(C) = alpha * (packed A panel) x (packed B panel) + beta * tile(C), over kc steps.
 * pa: packed A micro-panel, MR duplicated values (MR * 16 bytes) per p; pb: packed B micro-panel,
 * NR values (NR * 8 bytes) per p; c: top-left of the tile; ldcBytes: row stride of C in bytes.
 * beta == 0 never reads C.
 */
// @ts-ignore: decorator
@inline
export function microKernel(kc: i32, pa: usize, pb: usize, c: usize, ldcBytes: usize, alpha: f64, beta: f64): void {
  let c0_0 = f64x2.splat(0.0); let c0_1 = f64x2.splat(0.0); let c0_2 = f64x2.splat(0.0); let c0_3 = f64x2.splat(0.0);
  let c1_0 = f64x2.splat(0.0); let c1_1 = f64x2.splat(0.0); let c1_2 = f64x2.splat(0.0); let c1_3 = f64x2.splat(0.0);
  const pbEnd = pb + <usize>(kc & ~3) * 64;
  // Bounds for the never-taken block-splitting branches: inside the loop pb <= pbLast,
  // paFirst <= pa <= paLast always hold, so none of the breaks below is ever taken.
  const pbLast = pbEnd - 256; const paLast = pa + <usize>(kc & ~3) * 32 - 128; const paFirst = pa;
  while (pb < pbEnd) {
    { const b0 = v128.load(pb, 0);
      const b1 = v128.load(pb, 16);
      const b2 = v128.load(pb, 32);
      const b3 = v128.load(pb, 48);
      const a0 = v128.load(pa, 0);
      c0_0 = f64x2.add(c0_0, f64x2.mul(a0, b0));
      c0_1 = f64x2.add(c0_1, f64x2.mul(a0, b1));
      c0_2 = f64x2.add(c0_2, f64x2.mul(a0, b2));
      c0_3 = f64x2.add(c0_3, f64x2.mul(a0, b3));
      const a1 = v128.load(pa, 16);
      c1_0 = f64x2.add(c1_0, f64x2.mul(a1, b0));
      c1_1 = f64x2.add(c1_1, f64x2.mul(a1, b1));
      c1_2 = f64x2.add(c1_2, f64x2.mul(a1, b2));
      c1_3 = f64x2.add(c1_3, f64x2.mul(a1, b3));
    }
    if (pb > pbLast) break; // never taken (see "Block splitting" above)
    { const b0 = v128.load(pb, 64);
      const b1 = v128.load(pb, 80);
      const b2 = v128.load(pb, 96);
      const b3 = v128.load(pb, 112);
      const a0 = v128.load(pa, 32);
      c0_0 = f64x2.add(c0_0, f64x2.mul(a0, b0));
      c0_1 = f64x2.add(c0_1, f64x2.mul(a0, b1));
      c0_2 = f64x2.add(c0_2, f64x2.mul(a0, b2));
      c0_3 = f64x2.add(c0_3, f64x2.mul(a0, b3));
      const a1 = v128.load(pa, 48);
      c1_0 = f64x2.add(c1_0, f64x2.mul(a1, b0));
      c1_1 = f64x2.add(c1_1, f64x2.mul(a1, b1));
      c1_2 = f64x2.add(c1_2, f64x2.mul(a1, b2));
      c1_3 = f64x2.add(c1_3, f64x2.mul(a1, b3));
    }
    if (pa > paLast) break; // never taken
    { const b0 = v128.load(pb, 128);
      const b1 = v128.load(pb, 144);
      const b2 = v128.load(pb, 160);
      const b3 = v128.load(pb, 176);
      const a0 = v128.load(pa, 64);
      c0_0 = f64x2.add(c0_0, f64x2.mul(a0, b0));
      c0_1 = f64x2.add(c0_1, f64x2.mul(a0, b1));
      c0_2 = f64x2.add(c0_2, f64x2.mul(a0, b2));
      c0_3 = f64x2.add(c0_3, f64x2.mul(a0, b3));
      const a1 = v128.load(pa, 80);
      c1_0 = f64x2.add(c1_0, f64x2.mul(a1, b0));
      c1_1 = f64x2.add(c1_1, f64x2.mul(a1, b1));
      c1_2 = f64x2.add(c1_2, f64x2.mul(a1, b2));
      c1_3 = f64x2.add(c1_3, f64x2.mul(a1, b3));
    }
    if (pa < paFirst) break; // never taken
    { const b0 = v128.load(pb, 192);
      const b1 = v128.load(pb, 208);
      const b2 = v128.load(pb, 224);
      const b3 = v128.load(pb, 240);
      const a0 = v128.load(pa, 96);
      c0_0 = f64x2.add(c0_0, f64x2.mul(a0, b0));
      c0_1 = f64x2.add(c0_1, f64x2.mul(a0, b1));
      c0_2 = f64x2.add(c0_2, f64x2.mul(a0, b2));
      c0_3 = f64x2.add(c0_3, f64x2.mul(a0, b3));
      const a1 = v128.load(pa, 112);
      c1_0 = f64x2.add(c1_0, f64x2.mul(a1, b0));
      c1_1 = f64x2.add(c1_1, f64x2.mul(a1, b1));
      c1_2 = f64x2.add(c1_2, f64x2.mul(a1, b2));
      c1_3 = f64x2.add(c1_3, f64x2.mul(a1, b3));
    }
    pa += 128; pb += 256;
  }
  // k remainder (kc % 4 steps)
  const pbEnd2 = pbEnd + <usize>(kc & 3) * 64;
  while (pb < pbEnd2) {
    { const b0 = v128.load(pb, 0);
      const b1 = v128.load(pb, 16);
      const b2 = v128.load(pb, 32);
      const b3 = v128.load(pb, 48);
      const a0 = v128.load(pa, 0);
      c0_0 = f64x2.add(c0_0, f64x2.mul(a0, b0));
      c0_1 = f64x2.add(c0_1, f64x2.mul(a0, b1));
      c0_2 = f64x2.add(c0_2, f64x2.mul(a0, b2));
      c0_3 = f64x2.add(c0_3, f64x2.mul(a0, b3));
      const a1 = v128.load(pa, 16);
      c1_0 = f64x2.add(c1_0, f64x2.mul(a1, b0));
      c1_1 = f64x2.add(c1_1, f64x2.mul(a1, b1));
      c1_2 = f64x2.add(c1_2, f64x2.mul(a1, b2));
      c1_3 = f64x2.add(c1_3, f64x2.mul(a1, b3));
    }
    pa += 32; pb += 64;
  }
  const va = f64x2.splat(alpha);
  const c1 = c + ldcBytes;
  if (beta == 0.0) {
    v128.store(c, f64x2.mul(c0_0, va), 0);
    v128.store(c, f64x2.mul(c0_1, va), 16);
    v128.store(c, f64x2.mul(c0_2, va), 32);
    v128.store(c, f64x2.mul(c0_3, va), 48);
    v128.store(c1, f64x2.mul(c1_0, va), 0);
    v128.store(c1, f64x2.mul(c1_1, va), 16);
    v128.store(c1, f64x2.mul(c1_2, va), 32);
    v128.store(c1, f64x2.mul(c1_3, va), 48);
  } else {
    const vb = f64x2.splat(beta);
    v128.store(c, f64x2.add(f64x2.mul(c0_0, va), f64x2.mul(v128.load(c, 0), vb)), 0);
    v128.store(c, f64x2.add(f64x2.mul(c0_1, va), f64x2.mul(v128.load(c, 16), vb)), 16);
    v128.store(c, f64x2.add(f64x2.mul(c0_2, va), f64x2.mul(v128.load(c, 32), vb)), 32);
    v128.store(c, f64x2.add(f64x2.mul(c0_3, va), f64x2.mul(v128.load(c, 48), vb)), 48);
    v128.store(c1, f64x2.add(f64x2.mul(c1_0, va), f64x2.mul(v128.load(c1, 0), vb)), 0);
    v128.store(c1, f64x2.add(f64x2.mul(c1_1, va), f64x2.mul(v128.load(c1, 16), vb)), 16);
    v128.store(c1, f64x2.add(f64x2.mul(c1_2, va), f64x2.mul(v128.load(c1, 32), vb)), 32);
    v128.store(c1, f64x2.add(f64x2.mul(c1_3, va), f64x2.mul(v128.load(c1, 48), vb)), 48);
  }
}

