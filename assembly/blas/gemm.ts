// Double-precision general matrix multiply, C = alpha * op(A) op(B) + beta * C, row-major.
//
// Shaped like BLIS (flame/blis frame/3/gemm): a blocking driver that packs panels of A and B into
// contiguous buffers, and one register-blocked SIMD micro-kernel that is the only code that knows
// the hardware. Transposed operands are handled while packing, never by copying a transpose.
//
// Loops (outermost first):        buffer that stays in cache
//   jc over n in steps of NC        packed B block  KC x NC   (L2/L3)
//   pc over k in steps of KC        packed A block  MC x KC   (L2)
//   ic over m in steps of MC
//   jr over nc in steps of NR       B micro-panel   KC x NR   (L1)
//   ir over mc in steps of MR       micro-kernel: an MR x NR tile of C in registers
//
// All pointers are byte addresses in linear memory; leading dimensions are in elements.

import { MR, NR, microKernel } from "./microkernel";

// Block sizes. KC * (MR + NR) * 8 bytes of micro-panels stay in the 48 KiB L1 of this machine;
// the MC x KC block of packed A stays in its 1 MiB L2.
const KC: i32 = 256;
const MC: i32 = 128;
const NC: i32 = 2048;

/** Bytes of scratch `dgemm` needs for any product whose shape is m x k times k x n. */
export function dgemmWorkBytes(m: i32, n: i32, k: i32): usize {
  const kc = min<i32>(KC, k);
  const mc = roundUp(min<i32>(MC, m), MR);
  const nc = roundUp(min<i32>(NC, n), NR);
  return <usize>(mc * kc + kc * nc + MR * NR) * 8 + 64;
}

/**
 * C (m x n) = alpha * op(A) op(B) + beta * C, where op(A) is m x k and op(B) is k x n.
 * transA != 0: A is stored k x m (we use its transpose); likewise transB: B is stored n x k.
 * With beta == 0, C is only written, never read (NaN or garbage in C does not leak into the result).
 * `work` points to at least dgemmWorkBytes(m, n, k) bytes.
 */
export function dgemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f64, c: usize, ldc: i32, work: usize,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha == 0.0) {
    scaleMatrix(m, n, beta, c, ldc);
    return;
  }
  const packA = alignUp(work);
  const packB = packA + <usize>(roundUp(min<i32>(MC, m), MR) * min<i32>(KC, k)) * 8;
  const tile = packB + <usize>(min<i32>(KC, k) * roundUp(min<i32>(NC, n), NR)) * 8;

  for (let jc = 0; jc < n; jc += NC) {
    const nc = min<i32>(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min<i32>(KC, k - pc);
      // The first pass over k applies beta; later passes accumulate into C.
      const betaHere = pc == 0 ? beta : 1.0;
      if (transB) packBTransposed(b, ldb, pc, jc, kc, nc, packB);
      else packBNormal(b, ldb, pc, jc, kc, nc, packB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min<i32>(MC, m - ic);
        if (transA) packATransposed(a, lda, ic, pc, mc, kc, packA);
        else packANormal(a, lda, ic, pc, mc, kc, packA);
        macroKernel(mc, nc, kc, alpha, betaHere, packA, packB, c + <usize>(ic * ldc + jc) * 8, ldc, tile);
      }
    }
  }
}

/** Runs the micro-kernel over one packed MC x KC block of A and KC x NC block of B. */
function macroKernel(
  mc: i32, nc: i32, kc: i32, alpha: f64, beta: f64,
  packA: usize, packB: usize, c: usize, ldc: i32, tile: usize,
): void {
  const ldcBytes = <usize>ldc * 8;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min<i32>(NR, nc - jr);
    const pb = packB + <usize>(jr * kc) * 8;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = min<i32>(MR, mc - ir);
      const pa = packA + <usize>(ir * kc) * 8;
      const cTile = c + <usize>ir * ldcBytes + <usize>jr * 8;
      if (mr == MR && nr == NR) {
        microKernel(kc, pa, pb, cTile, ldcBytes, alpha, beta);
      } else {
        // Edge tile: compute the full (zero-padded) tile into scratch, then merge the valid part.
        microKernel(kc, pa, pb, tile, NR * 8, 1.0, 0.0);
        mergeTile(mr, nr, alpha, beta, tile, cTile, ldcBytes);
      }
    }
  }
}

function mergeTile(mr: i32, nr: i32, alpha: f64, beta: f64, tile: usize, c: usize, ldcBytes: usize): void {
  for (let i = 0; i < mr; i++) {
    const t = tile + <usize>(i * NR) * 8;
    const ci = c + <usize>i * ldcBytes;
    for (let j = 0; j < nr; j++) {
      const v = alpha * load<f64>(t + <usize>j * 8);
      const dst = ci + <usize>j * 8;
      store<f64>(dst, beta == 0.0 ? v : beta * load<f64>(dst) + v);
    }
  }
}

/** C = beta * C (beta == 0 writes zeros without reading C). */
function scaleMatrix(m: i32, n: i32, beta: f64, c: usize, ldc: i32): void {
  for (let i = 0; i < m; i++) {
    const row = c + <usize>(i * ldc) * 8;
    if (beta == 0.0) {
      memory.fill(row, 0, <usize>n * 8);
    } else if (beta != 1.0) {
      for (let j = 0; j < n; j++) store<f64>(row + <usize>j * 8, beta * load<f64>(row + <usize>j * 8));
    }
  }
}

// ---- Packing -------------------------------------------------------------------------------
// Packed A: mc rows in panels of MR rows; panel r holds, for each p in 0..kc, the MR values
// A[r*MR + 0..MR-1, p] contiguously. Rows past mc are zero.
// Packed B: nc columns in panels of NR columns; panel s holds, for each p, B[p, s*NR + 0..NR-1]
// contiguously. Columns past nc are zero.

function packANormal(a: usize, lda: i32, ic: i32, pc: i32, mc: i32, kc: i32, dst: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = min<i32>(MR, mc - ir);
    const panel = dst + <usize>(ir * kc) * 8;
    for (let i = 0; i < MR; i++) {
      if (i < mr) {
        let src = a + <usize>((ic + ir + i) * lda + pc) * 8;
        let out = panel + <usize>i * 8;
        for (let p = 0; p < kc; p++) {
          store<f64>(out, load<f64>(src));
          src += 8;
          out += MR * 8;
        }
      } else {
        let out = panel + <usize>i * 8;
        for (let p = 0; p < kc; p++) {
          store<f64>(out, 0.0);
          out += MR * 8;
        }
      }
    }
  }
}

function packATransposed(a: usize, lda: i32, ic: i32, pc: i32, mc: i32, kc: i32, dst: usize): void {
  // A is stored k x m, so the MR values of one p are contiguous in memory.
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = min<i32>(MR, mc - ir);
    let out = dst + <usize>(ir * kc) * 8;
    for (let p = 0; p < kc; p++) {
      const src = a + <usize>((pc + p) * lda + ic + ir) * 8;
      if (mr == MR) {
        copyRow(src, out);
      } else {
        for (let i = 0; i < MR; i++) store<f64>(out + <usize>i * 8, i < mr ? load<f64>(src + <usize>i * 8) : 0.0);
      }
      out += MR * 8;
    }
  }
}

function packBNormal(b: usize, ldb: i32, pc: i32, jc: i32, kc: i32, nc: i32, dst: usize): void {
  // B is stored k x n, so the NR values of one p are contiguous in memory.
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min<i32>(NR, nc - jr);
    let out = dst + <usize>(jr * kc) * 8;
    for (let p = 0; p < kc; p++) {
      const src = b + <usize>((pc + p) * ldb + jc + jr) * 8;
      if (nr == NR) {
        copyRow(src, out);
      } else {
        for (let j = 0; j < NR; j++) store<f64>(out + <usize>j * 8, j < nr ? load<f64>(src + <usize>j * 8) : 0.0);
      }
      out += NR * 8;
    }
  }
}

function packBTransposed(b: usize, ldb: i32, pc: i32, jc: i32, kc: i32, nc: i32, dst: usize): void {
  // B is stored n x k: column j of op(B) is row j of storage.
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min<i32>(NR, nc - jr);
    const panel = dst + <usize>(jr * kc) * 8;
    for (let j = 0; j < NR; j++) {
      let out = panel + <usize>j * 8;
      if (j < nr) {
        let src = b + <usize>((jc + jr + j) * ldb + pc) * 8;
        for (let p = 0; p < kc; p++) {
          store<f64>(out, load<f64>(src));
          src += 8;
          out += NR * 8;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          store<f64>(out, 0.0);
          out += NR * 8;
        }
      }
    }
  }
}

/** Copies 4 doubles (one packed row of MR = NR = 4). */
// @ts-ignore: decorator
@inline function copyRow(src: usize, dst: usize): void {
  v128.store(dst, v128.load(src));
  v128.store(dst, v128.load(src, 16), 16);
}

// @ts-ignore: decorator
@inline function roundUp(x: i32, to: i32): i32 {
  return (x + to - 1) / to * to;
}

// @ts-ignore: decorator
@inline function alignUp(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}
