// Symmetric rank-k product, C = alpha * op(X) op(X)ᵀ + beta * C with op(X) p x k, upper triangle only:
// block columns of C (SYRK_NB wide) are computed through dgemm from row 0 down to the diagonal
// block, which is computed whole. The caller mirrors the upper triangle when it needs both halves.
//   outer == 0: op(X) = Xᵀ, X stored k x p (C = XᵀX, PCA's covariance)
//   outer != 0: op(X) = X, X stored p x k (C = XXᵀ)
// Block columns [jbFrom, jbTo) only, so that threads can share the work.

import { dgemm } from "./gemm";

const SYRK_NB: i32 = 128;

/** Width of the block columns. */
export function dsyrkBlock(): i32 {
  return SYRK_NB;
}

export function dsyrk(
  outer: i32, p: i32, k: i32, alpha: f64, x: usize, ldx: i32, beta: f64, c: usize, ldc: i32, work: usize,
  jbFrom: i32, jbTo: i32,
): void {
  for (let jb = jbFrom; jb < jbTo; jb++) {
    const j0 = jb * SYRK_NB;
    if (j0 >= p) break;
    const nb = min<i32>(SYRK_NB, p - j0);
    // Rows 0 .. j0 + nb of this block column: op(X)[0 .. j0+nb, :] times op(X)[j0 .. j0+nb, :]ᵀ.
    const b = outer ? x + <usize>j0 * <usize>ldx * 8 : x + <usize>j0 * 8;
    dgemm(outer ? 0 : 1, outer ? 1 : 0, j0 + nb, nb, k, alpha, x, ldx, b, ldx, beta, c + <usize>j0 * 8, ldc, work);
  }
}
