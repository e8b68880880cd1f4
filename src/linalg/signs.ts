// The sign convention of API.md, shared by eigh, eig, svd and everything built on them: in each
// eigenvector, and in each column of U, the entry of largest absolute value is positive (ties:
// the first of them). Flipping a column of U flips the same row of Vt, so U S Vt is unchanged.

import type { Matrix } from '../core/matrix.js';

/** Index of the first entry of largest absolute value in column j. */
export function pivotRow(M: Matrix, j: number): number {
  let best = -1;
  let at = 0;
  for (let i = 0; i < M.rows; i++) {
    const v = Math.abs(M.data[i * M.cols + j]);
    if (v > best) {
      best = v;
      at = i;
    }
  }
  return at;
}

/**
 * Flips, in place, every column of `columns` whose largest-magnitude entry is negative; for each
 * flipped column j, also flips row j of `rows` when given (Vt of an SVD). Returns `columns`.
 */
export function normalizeSigns(columns: Matrix, rows?: Matrix): Matrix {
  const { rows: m, cols: n, data } = columns;
  for (let j = 0; j < n; j++) {
    if (m === 0 || data[pivotRow(columns, j) * n + j] >= 0) continue;
    for (let i = 0; i < m; i++) data[i * n + j] = -data[i * n + j];
    if (rows) for (let t = 0; t < rows.cols; t++) rows.data[j * rows.cols + t] = -rows.data[j * rows.cols + t];
  }
  return columns;
}

// Complex vectors (eig): the rule extends to "the entry of largest modulus is real and positive":
// the eigenvector of a complex eigenvalue with positive imaginary part is multiplied by the unit
// complex number conj(x_k) / |x_k|, k the first entry of largest modulus, which makes x_k = |x_k|
// (imaginary part exactly 0); its conjugate partner's vector is its exact conjugate. For real
// vectors this is the sign rule above. eig applies it in WASM (dgeevVectors in
// assembly/lapack/eig/geev.ts) together with the unit-norm scaling.
