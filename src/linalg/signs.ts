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

/** Index of the first entry of largest absolute value of x (0 for an empty x). */
export function pivotIndex(x: Float64Array): number {
  let best = -1;
  let at = 0;
  for (let i = 0; i < x.length; i++) {
    const v = Math.abs(x[i]);
    if (v > best) {
      best = v;
      at = i;
    }
  }
  return at;
}

/** The rule above for one real vector: flips x in place when its pivot entry is negative. */
export function normalizeSign(x: Float64Array): Float64Array {
  if (x.length > 0 && x[pivotIndex(x)] < 0) for (let i = 0; i < x.length; i++) x[i] = -x[i];
  return x;
}

/**
 * The rule extended to a complex vector x = re + i im (eig's eigenvectors of complex eigenvalues):
 * multiplies x, in place, by the unit complex number that makes its entry of largest modulus real
 * and positive (ties: the first of them). That entry's imaginary part is then exactly zero. For a
 * real vector (im = 0) this is the sign rule. The modulus is computed without overflow; a zero x
 * is left alone.
 */
export function normalizePhase(re: Float64Array, im: Float64Array): void {
  let best = -1;
  let k = 0;
  for (let i = 0; i < re.length; i++) {
    const m = Math.hypot(re[i], im[i]);
    if (m > best) {
      best = m;
      k = i;
    }
  }
  if (!(best > 0)) return;
  const c = re[k] / best;
  const s = im[k] / best;
  for (let i = 0; i < re.length; i++) {
    const a = re[i];
    const b = im[i];
    re[i] = a * c + b * s; // (a + ib)(c - is)
    im[i] = b * c - a * s;
  }
  re[k] = best;
  im[k] = 0;
}
