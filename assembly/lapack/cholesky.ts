// Cholesky factorization A = Uᵀ U of a symmetric positive definite row-major n x n matrix, in
// place in its upper triangle (the strictly lower triangle is not read; it is used as scratch). In
// row-major order U's rows are the columns of the lower factor L = Uᵀ, which is what column-major
// LAPACK computes with uplo = 'L'.
//
// Recursive: U11 = chol(A11); U12 = U11^-T A12 (trsm); A22 -= U12ᵀ U12 (syrk); U22 = chol(A22).
// Leaves factor by rows (contiguous updates). Returns 0, or 1 + the order of the first leading
// minor that is not positive definite (its pivot is <= 0 or NaN); the factorization stops there.

import { dsyrk } from "../blas/syrk";
import { axpy, dtrsmLeft, scale } from "../blas/trsm";

const LEAF: i32 = 16;

export function dpotrf(n: i32, a: usize, lda: i32, work: usize): i32 {
  return factor(n, 0, a, lda, work);
}

/** Factors the trailing block A[j0 : j0+n, j0 : j0+n] (j0 only for reporting the failing order). */
function factor(n: i32, j0: i32, a: usize, lda: i32, work: usize): i32 {
  if (n <= LEAF) return leaf(n, j0, a, lda);
  const n1 = n >> 1;
  const n2 = n - n1;
  const ldaBytes = <usize>lda * 8;
  const info = factor(n1, j0, a, lda, work);
  if (info != 0) return info;
  const a12 = a + <usize>n1 * 8;
  const a22 = a + <usize>n1 * ldaBytes + <usize>n1 * 8;
  dtrsmLeft(0, 1, 0, n1, n2, a, lda, a12, lda, work);
  // A22 -= U12ᵀ U12 on the upper triangle (block columns through gemm; the diagonal blocks whole,
  // so part of the strictly lower triangle is written: it is scratch, never read).
  dsyrk(0, n2, n1, -1.0, a12, lda, 1.0, a22, lda, work, 0, 1 << 30);
  return factor(n2, j0 + n1, a22, lda, work);
}

function leaf(n: i32, j0: i32, a: usize, lda: i32): i32 {
  const ldaBytes = <usize>lda * 8;
  for (let j = 0; j < n; j++) {
    const rowJ = a + <usize>j * ldaBytes;
    const d = load<f64>(rowJ + <usize>j * 8);
    if (!(d > 0.0)) return j0 + j + 1; // also catches NaN
    const ujj = sqrt<f64>(d);
    store<f64>(rowJ + <usize>j * 8, ujj);
    const w = n - j - 1;
    if (w == 0) continue;
    const uRow = rowJ + <usize>(j + 1) * 8;
    scale(w, 1.0 / ujj, uRow);
    // A[i, i:] -= U[j, i] U[j, i:] for the rows below (upper part only).
    for (let i = j + 1; i < n; i++) {
      const f = load<f64>(rowJ + <usize>i * 8);
      if (f != 0.0) axpy(n - i, -f, rowJ + <usize>i * 8, a + <usize>i * ldaBytes + <usize>i * 8);
    }
  }
  return 0;
}

/** Solves A X = B with A = Uᵀ U from dpotrf (n x n); B (n x nrhs) is overwritten by X. */
export function dpotrs(n: i32, nrhs: i32, u: usize, ldu: i32, b: usize, ldb: i32, work: usize): void {
  dtrsmLeft(0, 1, 0, n, nrhs, u, ldu, b, ldb, work);
  dtrsmLeft(0, 0, 0, n, nrhs, u, ldu, b, ldb, work);
}
