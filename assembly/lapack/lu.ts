// LU factorization with partial pivoting, A = P L U, of a row-major m x n matrix, in place
// (LAPACK dgetrf semantics: L unit lower below the diagonal, U on and above it; ipiv[j] is the
// row swapped with row j at step j, 0-based, i32).
//
// Recursive (Toledo 1997; LAPACK dgetrf2): factor the left half of the columns, solve for the top
// of the right half (trsm), update the bottom of the right half (one large gemm), factor it.
// Nearly all flops run in dgemm. Row swaps exchange whole rows, which are contiguous in row-major
// order. The leaves (LEAF columns) are factored by columns: pivot search (strided), row swap,
// scaling, then rank-1 updates of the leaf's rows (contiguous, f64x2).
//
// Exactly zero pivots do not stop the factorization (as in LAPACK): the return value is then
// 1 + the first such column, else 0.

import { dgemm } from "../blas/gemm";
import { axpy, dtrsmLeft } from "../blas/trsm";

const LEAF: i32 = 16;
const SFMIN: f64 = 2.2250738585072014e-308;

let info: i32 = 0;

/** Factors A (m x n, row stride lda) in place; ipiv receives min(m, n) i32 row indices. */
export function dgetrf(m: i32, n: i32, a: usize, lda: i32, ipiv: usize, work: usize): i32 {
  info = 0;
  const k = min<i32>(m, n);
  if (k == 0) return 0;
  factor(m, n, 0, k, a, lda, ipiv, work);
  if (n > k) {
    // Wide: U's right part is L11^-1 A[0:k, k:n].
    dtrsmLeft(1, 0, 1, k, n - k, a, lda, a + <usize>k * 8, lda, work);
  }
  return info;
}

/** Factors columns j0 .. j0+nc of rows j0 .. m (earlier columns' updates already applied). */
function factor(m: i32, n: i32, j0: i32, nc: i32, a: usize, lda: i32, ipiv: usize, work: usize): void {
  if (nc <= LEAF) {
    leaf(m, n, j0, nc, a, lda, ipiv);
    return;
  }
  const n1 = nc >> 1;
  const n2 = nc - n1;
  const ldaBytes = <usize>lda * 8;
  factor(m, n, j0, n1, a, lda, ipiv, work);
  const a11 = a + <usize>j0 * ldaBytes + <usize>j0 * 8;
  const a12 = a11 + <usize>n1 * 8;
  const a21 = a11 + <usize>n1 * ldaBytes;
  const a22 = a21 + <usize>n1 * 8;
  // A12 = L11^-1 A12, then A22 -= A21 A12.
  dtrsmLeft(1, 0, 1, n1, n2, a11, lda, a12, lda, work);
  dgemm(0, 0, m - j0 - n1, n2, n1, -1.0, a21, lda, a12, lda, 1.0, a22, lda, work);
  factor(m, n, j0 + n1, n2, a, lda, ipiv, work);
}

function leaf(m: i32, n: i32, j0: i32, nc: i32, a: usize, lda: i32, ipiv: usize): void {
  const ldaBytes = <usize>lda * 8;
  const end = j0 + nc;
  for (let j = j0; j < end; j++) {
    // Pivot: the first entry of largest magnitude in column j, rows j .. m (idamax).
    let p = j;
    let best = abs<f64>(load<f64>(a + <usize>j * ldaBytes + <usize>j * 8));
    for (let i = j + 1; i < m; i++) {
      const v = abs<f64>(load<f64>(a + <usize>i * ldaBytes + <usize>j * 8));
      if (v > best) {
        best = v;
        p = i;
      }
    }
    store<i32>(ipiv + <usize>j * 4, p);
    const rowJ = a + <usize>j * ldaBytes;
    if (best != 0.0) {
      if (p != j) swapRows(n, rowJ, a + <usize>p * ldaBytes);
      const pivot = load<f64>(rowJ + <usize>j * 8);
      // Scale the column below the pivot (by the reciprocal unless that would overflow).
      if (abs<f64>(pivot) >= SFMIN) {
        const r = 1.0 / pivot;
        for (let i = j + 1; i < m; i++) {
          const q = a + <usize>i * ldaBytes + <usize>j * 8;
          store<f64>(q, load<f64>(q) * r);
        }
      } else {
        for (let i = j + 1; i < m; i++) {
          const q = a + <usize>i * ldaBytes + <usize>j * 8;
          store<f64>(q, load<f64>(q) / pivot);
        }
      }
    } else if (info == 0) {
      info = j + 1;
    }
    // Rank-1 update of the leaf's remaining columns: A[i, j+1:end] -= L[i, j] U[j, j+1:end].
    const w = end - j - 1;
    if (w > 0) {
      const uRow = rowJ + <usize>(j + 1) * 8;
      for (let i = j + 1; i < m; i++) {
        const ri = a + <usize>i * ldaBytes;
        const l = load<f64>(ri + <usize>j * 8);
        if (l != 0.0) axpy(w, -l, uRow, ri + <usize>(j + 1) * 8);
      }
    }
  }
}

/** Exchanges two rows of n doubles. */
function swapRows(n: i32, x: usize, y: usize): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const off = <usize>j * 8;
    const t = v128.load(x + off);
    v128.store(x + off, v128.load(y + off));
    v128.store(y + off, t);
  }
  if (j < n) {
    const off = <usize>j * 8;
    const t = load<f64>(x + off);
    store<f64>(x + off, load<f64>(y + off));
    store<f64>(y + off, t);
  }
}

/** Applies the row interchanges ipiv[0 .. k) to the n-column matrix B (rows in order). */
export function dlaswp(n: i32, b: usize, ldb: i32, ipiv: usize, k: i32, reverse: i32): void {
  const ldbBytes = <usize>ldb * 8;
  for (let s = 0; s < k; s++) {
    const j = reverse ? k - 1 - s : s;
    const p = load<i32>(ipiv + <usize>j * 4);
    if (p != j) swapRows(n, b + <usize>j * ldbBytes, b + <usize>p * ldbBytes);
  }
}

/**
 * Solves A X = B (trans == 0) or Aᵀ X = B (trans != 0) with the factors of dgetrf (n x n);
 * B (n x nrhs) is overwritten by X.
 */
export function dgetrs(trans: i32, n: i32, nrhs: i32, lu: usize, ldlu: i32, ipiv: usize, b: usize, ldb: i32, work: usize): void {
  if (trans == 0) {
    // P L U X = B: X = U^-1 L^-1 Pᵀ B.
    dlaswp(nrhs, b, ldb, ipiv, n, 0);
    dtrsmLeft(1, 0, 1, n, nrhs, lu, ldlu, b, ldb, work);
    dtrsmLeft(0, 0, 0, n, nrhs, lu, ldlu, b, ldb, work);
  } else {
    // Uᵀ Lᵀ Pᵀ X = B: X = P L^-T U^-T B.
    dtrsmLeft(0, 1, 0, n, nrhs, lu, ldlu, b, ldb, work);
    dtrsmLeft(1, 1, 1, n, nrhs, lu, ldlu, b, ldb, work);
    dlaswp(nrhs, b, ldb, ipiv, n, 1);
  }
}
