// Single-precision general matrix multiply, C = alpha * op(A) op(B) + beta * C, row-major.
//
// Same BLIS shape as gemm.ts (dgemm): a blocking driver that packs A into MR-row panels and B
// into NR-column panels, and one register-blocked f32x4 micro-kernel. Transposed operands are
// handled while packing. All pointers are byte addresses in linear memory; leading dimensions
// are in elements.
//
// Loops (outermost first):        buffer that stays in cache
//   jc over n in steps of NC        packed B block  KC x NC
//   pc over k in steps of KC        packed A block  MC x KC   (128 KiB, L2)
//   ic over m in steps of MC
//   jr over nc in steps of NR       B micro-panel   KC x NR   (8 KiB, L1)
//   ir over mc in steps of MR       micro-kernel: a 4 x 8 tile of C in registers
//
// Micro-kernel register plan (MR = 4, NR = 8; no FMA in WebAssembly SIMD, so mul + add):
//   c00 c01 .. c30 c31   8 accumulators: row i of the tile as two f32x4 (columns 0-3, 4-7)
//   b0 b1                2: row p of the packed B micro-panel (8 floats)
//   a (x4)               4: A[0..3, p], each broadcast by v128.load32_splat (vbroadcastss m32,
//                          a pure load: it uses no FP port, unlike an i32x4 shuffle)
//   t                    1: the product before it is added
//   = 15 xmm registers, exactly what V8 can allocate on x64 (xmm15 is its scratch register).
// Why not a bigger tile: TurboFan schedules all the loads of a basic block first (they sit on
// the effect chain) and the pure mul/add nodes after them, so every value loaded in a block is
// live at once. 4x8 needs 8 + 2 + 4 + 1 = 15; 5x8 needs 18 and 6x8 needs 21 and they spill
// (measured 23 GFLOP/s). For the same reason a plain k-unroll by 2 spills (8 + 12 + 2 = 22,
// measured 27.5 GFLOP/s). The k loop is unrolled by 4 with a loop-exit test between the steps:
// each test ends a basic block, so each step's loads are issued in their own block and the live
// set stays at 15, while the loop back-edge (and V8's per-iteration stack check) is paid once per
// 4 steps. Per k step: 2 v128.load + 4 load32_splat, 8 f32x4.mul + 8 f32x4.add = 64 flops.
//
// Measured (AMD EPYC Zen 4, Node 20.20, taskset one core, warmed up to TurboFan, best of runs):
//   f32x4 register-only peak (12 chains a = a*y + x): 46.0 GFLOP/s
//   this sgemm, square n = 256 / 512 / 1024:          44.5 / 43.8 / 43.4 GFLOP/s (any transA/transB)
//     same, plus copying C out to a new Float32Array: 36.9 / 39.3 / 41.3
//   tfjs-backend-wasm 4.22 (XNNPACK, SIMD binary, 1 thread, matMul + dataSync):
//                                                     27.7 / 30.7 / 29.9 GFLOP/s

// @ts-ignore: decorator
@inline const MR: i32 = 4;
// @ts-ignore: decorator
@inline const NR: i32 = 8;
// Block sizes: KC * NR * 4 = 8 KiB of B micro-panel plus KC * MR * 4 = 4 KiB of A micro-panel
// live in the 48 KiB L1; the MC x KC packed A block (128 KiB) stays in the 1 MiB L2.
// (KC 128..768 and MC 64..256 all measured within ~2% of each other here.)
// @ts-ignore: decorator
@inline const KC: i32 = 256;
// @ts-ignore: decorator
@inline const MC: i32 = 128;
// @ts-ignore: decorator
@inline const NC: i32 = 2048;

/** Bytes of scratch `sgemm` needs for any product whose shape is m x k times k x n. */
export function sgemmWorkBytes(m: i32, n: i32, k: i32): usize {
  const kc = max<i32>(1, min<i32>(KC, k));
  const mc = roundUp(max<i32>(1, min<i32>(MC, m)), MR);
  const nc = roundUp(max<i32>(1, min<i32>(NC, n)), NR);
  return <usize>(mc * kc + kc * nc + MR * NR) * 4 + 192;
}

/**
 * C (m x n) = alpha * op(A) op(B) + beta * C, where op(A) is m x k and op(B) is k x n.
 * transA != 0: A is stored k x m (we use its transpose); likewise transB: B is stored n x k.
 * With beta == 0, C is only written, never read (NaN or garbage in C does not leak into the result).
 * `work` points to at least sgemmWorkBytes(m, n, k) bytes.
 */
export function sgemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f32,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f32, c: usize, ldc: i32, work: usize,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha == 0.0) {
    scaleMatrix(m, n, beta, c, ldc);
    return;
  }
  const packA = alignUp(work);
  const packB = alignUp(packA + <usize>(roundUp(min<i32>(MC, m), MR) * min<i32>(KC, k)) * 4);
  const tile = alignUp(packB + <usize>(min<i32>(KC, k) * roundUp(min<i32>(NC, n), NR)) * 4);
  const ldaBytes = <usize>lda * 4;
  const ldbBytes = <usize>ldb * 4;

  for (let jc = 0; jc < n; jc += NC) {
    const nc = min<i32>(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min<i32>(KC, k - pc);
      // The first pass over k applies beta; later passes accumulate into C.
      const betaHere: f32 = pc == 0 ? beta : 1.0;
      for (let jr = 0; jr < nc; jr += NR) {
        const nr = min<i32>(NR, nc - jr);
        const dst = packB + <usize>(jr * kc) * 4;
        if (transB) packInterleaved(b + <usize>(jc + jr) * ldbBytes + <usize>pc * 4, ldbBytes, nr, NR, kc, dst);
        else packCopy(b + <usize>pc * ldbBytes + <usize>(jc + jr) * 4, ldbBytes, nr, NR, kc, dst);
      }
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min<i32>(MC, m - ic);
        for (let ir = 0; ir < mc; ir += MR) {
          const mr = min<i32>(MR, mc - ir);
          const dst = packA + <usize>(ir * kc) * 4;
          if (transA) packCopy(a + <usize>pc * ldaBytes + <usize>(ic + ir) * 4, ldaBytes, mr, MR, kc, dst);
          else packInterleaved(a + <usize>(ic + ir) * ldaBytes + <usize>pc * 4, ldaBytes, mr, MR, kc, dst);
        }
        macroKernel(mc, nc, kc, alpha, betaHere, packA, packB, c + (<usize>ic * <usize>ldc + <usize>jc) * 4, ldc, tile);
      }
    }
  }
}

/** Runs the micro-kernel over one packed MC x KC block of A and KC x NC block of B. */
function macroKernel(
  mc: i32, nc: i32, kc: i32, alpha: f32, beta: f32,
  packA: usize, packB: usize, c: usize, ldc: i32, tile: usize,
): void {
  const ldcBytes = <usize>ldc * 4;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min<i32>(NR, nc - jr);
    const pb = packB + <usize>(jr * kc) * 4;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = min<i32>(MR, mc - ir);
      const pa = packA + <usize>(ir * kc) * 4;
      const cTile = c + <usize>ir * ldcBytes + <usize>jr * 4;
      if (mr == MR && nr == NR) {
        microKernel(kc, pa, pb, cTile, ldcBytes, alpha, beta);
      } else {
        // Edge tile: compute the full (zero-padded) tile into scratch, then merge the valid part.
        microKernel(kc, pa, pb, tile, NR * 4, 1.0, 0.0);
        mergeTile(mr, nr, alpha, beta, tile, cTile, ldcBytes);
      }
    }
  }
}

/**
 * tile(C) = alpha * (packed A panel) x (packed B panel) + beta * tile(C), over kc >= 1 steps.
 * pa: MR x kc panel (MR floats per p), pb: kc x NR panel (NR floats per p),
 * c: top-left of the 4 x 8 tile, ldcBytes: row stride of C in bytes. beta == 0 never reads C.
 */
function microKernel(kc: i32, pa: usize, pb: usize, c: usize, ldcBytes: usize, alpha: f32, beta: f32): void {
  let c00 = f32x4.splat(0.0), c01 = f32x4.splat(0.0);
  let c10 = f32x4.splat(0.0), c11 = f32x4.splat(0.0);
  let c20 = f32x4.splat(0.0), c21 = f32x4.splat(0.0);
  let c30 = f32x4.splat(0.0), c31 = f32x4.splat(0.0);
  let a: v128, b0: v128, b1: v128;
  const end = pb + <usize>kc * (NR * 4);
  // Unrolled by 4; the exit tests between steps are also what keeps each step in its own
  // basic block (see the register plan above). kc >= 1, so the first step always runs.
  while (true) {
    // k step 0
    b0 = v128.load(pb, 0); b1 = v128.load(pb, 16);
    a = v128.load32_splat(pa, 0);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
    if (pb + 32 >= end) break;
    // k step 1
    b0 = v128.load(pb, 32); b1 = v128.load(pb, 48);
    a = v128.load32_splat(pa, 16);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 20);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 24);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 28);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
    if (pb + 64 >= end) break;
    // k step 2
    b0 = v128.load(pb, 64); b1 = v128.load(pb, 80);
    a = v128.load32_splat(pa, 32);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 36);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 40);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 44);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
    if (pb + 96 >= end) break;
    // k step 3
    b0 = v128.load(pb, 96); b1 = v128.load(pb, 112);
    a = v128.load32_splat(pa, 48);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 52);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 56);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 60);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
    pa += 4 * MR * 4;
    pb += 4 * NR * 4;
    if (pb >= end) break;
  }

  const va = f32x4.splat(alpha);
  writeRow(c, c00, c01, va, beta);
  writeRow(c + ldcBytes, c10, c11, va, beta);
  writeRow(c + 2 * ldcBytes, c20, c21, va, beta);
  writeRow(c + 3 * ldcBytes, c30, c31, va, beta);
}

// @ts-ignore: decorator
@inline function writeRow(dst: usize, lo: v128, hi: v128, va: v128, beta: f32): void {
  lo = f32x4.mul(lo, va);
  hi = f32x4.mul(hi, va);
  if (beta != 0.0) {
    const vb = f32x4.splat(beta);
    lo = f32x4.add(lo, f32x4.mul(v128.load(dst), vb));
    hi = f32x4.add(hi, f32x4.mul(v128.load(dst, 16), vb));
  }
  v128.store(dst, lo);
  v128.store(dst, hi, 16);
}

function mergeTile(mr: i32, nr: i32, alpha: f32, beta: f32, tile: usize, c: usize, ldcBytes: usize): void {
  for (let i = 0; i < mr; i++) {
    const t = tile + <usize>(i * NR) * 4;
    const ci = c + <usize>i * ldcBytes;
    for (let j = 0; j < nr; j++) {
      const v = alpha * load<f32>(t + <usize>j * 4);
      const dst = ci + <usize>j * 4;
      store<f32>(dst, beta == 0.0 ? v : beta * load<f32>(dst) + v);
    }
  }
}

/** C = beta * C (beta == 0 writes zeros without reading C). */
function scaleMatrix(m: i32, n: i32, beta: f32, c: usize, ldc: i32): void {
  for (let i = 0; i < m; i++) {
    const row = c + <usize>i * <usize>ldc * 4;
    if (beta == 0.0) {
      memory.fill(row, 0, <usize>n * 4);
    } else if (beta != 1.0) {
      for (let j = 0; j < n; j++) store<f32>(row + <usize>j * 4, beta * load<f32>(row + <usize>j * 4));
    }
  }
}

// ---- Packing -------------------------------------------------------------------------------
// A packed panel of width W (W = MR for A, NR for B) holds, for each p in 0..kc, W floats
// contiguously; lanes past the valid count are zero, so edge tiles run the full kernel.
//   A (normal) and B (transposed): panel lane i is storage row i        -> packInterleaved
//   A (transposed) and B (normal): panel lane j is storage column j     -> packCopy

/** dst[p * W + i] = src[i * ld + p] for i < valid, 0 for valid <= i < W (W a multiple of 4). */
function packInterleaved(src: usize, ldBytes: usize, valid: i32, W: i32, kc: i32, dst: usize): void {
  const wBytes = <usize>W * 4;
  const full = valid & ~3;
  // Groups of 4 full rows: 4 x 4 transposes.
  for (let g = 0; g < full; g += 4) {
    const r0 = src + <usize>g * ldBytes;
    const r1 = r0 + ldBytes, r2 = r1 + ldBytes, r3 = r2 + ldBytes;
    let out = dst + <usize>g * 4;
    let p = 0;
    for (; p + 4 <= kc; p += 4) {
      const off = <usize>p * 4;
      const x0 = v128.load(r0 + off), x1 = v128.load(r1 + off);
      const x2 = v128.load(r2 + off), x3 = v128.load(r3 + off);
      const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
      const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
      const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
      v128.store(out, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
      v128.store(out + wBytes, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
      v128.store(out + 2 * wBytes, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
      v128.store(out + 3 * wBytes, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
      out += 4 * wBytes;
    }
    for (; p < kc; p++) {
      const off = <usize>p * 4;
      store<f32>(out, load<f32>(r0 + off));
      store<f32>(out, load<f32>(r1 + off), 4);
      store<f32>(out, load<f32>(r2 + off), 8);
      store<f32>(out, load<f32>(r3 + off), 12);
      out += wBytes;
    }
  }
  // Leftover rows, then zero rows.
  for (let i = full; i < W; i++) {
    let out = dst + <usize>i * 4;
    if (i < valid) {
      let s = src + <usize>i * ldBytes;
      for (let p = 0; p < kc; p++) {
        store<f32>(out, load<f32>(s));
        s += 4;
        out += wBytes;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        store<f32>(out, 0.0);
        out += wBytes;
      }
    }
  }
}

/** dst[p * W + j] = src[p * ld + j] for j < valid, 0 for valid <= j < W (W a multiple of 4). */
function packCopy(src: usize, ldBytes: usize, valid: i32, W: i32, kc: i32, dst: usize): void {
  const wBytes = <usize>W * 4;
  if (valid == W) {
    for (let p = 0; p < kc; p++) {
      for (let j: usize = 0; j < wBytes; j += 16) v128.store(dst + j, v128.load(src + j));
      src += ldBytes;
      dst += wBytes;
    }
  } else {
    for (let p = 0; p < kc; p++) {
      for (let j = 0; j < W; j++) store<f32>(dst + <usize>j * 4, j < valid ? load<f32>(src + <usize>j * 4) : 0.0);
      src += ldBytes;
      dst += wBytes;
    }
  }
}

// @ts-ignore: decorator
@inline function roundUp(x: i32, to: i32): i32 {
  return (x + to - 1) / to * to;
}

// @ts-ignore: decorator
@inline function alignUp(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}
