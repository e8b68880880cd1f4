// The f64 gemm micro-kernel: one MR x NR tile of C accumulated in SIMD registers.
//
// Register plan (V8 on x64 has 16 xmm registers; WebAssembly SIMD has no FMA, so every
// multiply-add is a mul into a temporary and an add):
//   c0a c0b .. c3a c3b   8 accumulators: row i of the tile as two f64x2 (columns 0-1 and 2-3)
//   b0 b1                2 registers: row p of the packed B micro-panel (NR = 4 values)
//   a                    1 register: A[i, p] broadcast to both lanes (v128.load64_splat)
//   t                    1 temporary for the product
// 12 live registers, so V8 keeps everything in registers without spills.
// Per p: 2 + 4 loads, 8 mul, 8 add = 32 flops.

export const MR: i32 = 4;
export const NR: i32 = 4;

/**
 * tile(C) = alpha * (packed A panel) x (packed B panel) + beta * tile(C), over kc steps.
 * pa: MR x kc panel (MR values per p), pb: kc x NR panel (NR values per p),
 * c: top-left of the tile, ldcBytes: row stride of C in bytes. beta == 0 never reads C.
 */
export function microKernel(kc: i32, pa: usize, pb: usize, c: usize, ldcBytes: usize, alpha: f64, beta: f64): void {
  let c0a = f64x2.splat(0.0), c0b = f64x2.splat(0.0);
  let c1a = f64x2.splat(0.0), c1b = f64x2.splat(0.0);
  let c2a = f64x2.splat(0.0), c2b = f64x2.splat(0.0);
  let c3a = f64x2.splat(0.0), c3b = f64x2.splat(0.0);

  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load64_splat(pa);
    c0a = f64x2.add(c0a, f64x2.mul(a, b0));
    c0b = f64x2.add(c0b, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 8);
    c1a = f64x2.add(c1a, f64x2.mul(a, b0));
    c1b = f64x2.add(c1b, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 16);
    c2a = f64x2.add(c2a, f64x2.mul(a, b0));
    c2b = f64x2.add(c2b, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 24);
    c3a = f64x2.add(c3a, f64x2.mul(a, b0));
    c3b = f64x2.add(c3b, f64x2.mul(a, b1));
    pa += 32;
    pb += 32;
  }

  const va = f64x2.splat(alpha);
  writeRow(c, c0a, c0b, va, beta);
  writeRow(c + ldcBytes, c1a, c1b, va, beta);
  writeRow(c + 2 * ldcBytes, c2a, c2b, va, beta);
  writeRow(c + 3 * ldcBytes, c3a, c3b, va, beta);
}

// @ts-ignore: decorator
@inline function writeRow(dst: usize, lo: v128, hi: v128, va: v128, beta: f64): void {
  lo = f64x2.mul(lo, va);
  hi = f64x2.mul(hi, va);
  if (beta != 0.0) {
    const vb = f64x2.splat(beta);
    lo = f64x2.add(lo, f64x2.mul(v128.load(dst), vb));
    hi = f64x2.add(hi, f64x2.mul(v128.load(dst, 16), vb));
  }
  v128.store(dst, lo);
  v128.store(dst, hi, 16);
}
