// Symmetric rank-k product (BLAS syrk): C = alpha * XᵀX or alpha * XXᵀ, computing only the
// blocks on and above the diagonal through the gemm kernel and mirroring them. For C of order p
// in blocks of SYRK_BLOCK that is (b + 1) / 2b of the gemm's work for b blocks (57% at p = 784).

import { withScratch } from '../arena.js';
import { runGemm, type PlacedGemm } from './gemm.js';

/** Order of the diagonal blocks: a multiple of the micro-tile; the diagonal blocks do full work. */
export const SYRK_BLOCK = 128;

export interface SyrkArgs {
  /** Rows of X. */
  rows: number;
  /** Columns of X. */
  cols: number;
  /** X, rows x cols, row-major. */
  x: Float64Array;
  /** false (default): XᵀX (cols x cols); true: XXᵀ (rows x rows). */
  outer?: boolean;
  alpha?: number;
}

/** alpha XᵀX (or alpha XXᵀ) as a new symmetric row-major array. */
export function syrk({ rows, cols, x, outer = false, alpha = 1 }: SyrkArgs): Float64Array {
  const p = outer ? rows : cols;
  const k = outer ? cols : rows;
  if (p === 0) return new Float64Array(0);
  return withScratch('gram', (s) => {
    const px = s.put(x);
    const pc = s.allocF64(p * p);
    if (k === 0) s.heapF64().fill(0, pc / 8, pc / 8 + p * p);
    for (let j0 = 0; j0 < p && k > 0; j0 += SYRK_BLOCK) {
      const nb = Math.min(SYRK_BLOCK, p - j0);
      // One gemm for the block column above and on the diagonal: rows 0..j0+nb of C.
      const g: PlacedGemm = {
        transA: !outer,
        transB: outer,
        m: j0 + nb,
        n: nb,
        k,
        alpha,
        pa: px,
        lda: cols,
        pb: px + (outer ? j0 * cols : j0) * 8,
        ldb: cols,
        beta: 0,
        pc: pc + j0 * 8,
        ldc: p,
      };
      runGemm(s, 'gram', 'float64', g);
    }
    const c = s.take(pc, p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) c[i * p + j] = c[j * p + i];
    return c;
  });
}
