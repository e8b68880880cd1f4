// Column means and centring, the first step of every PCA (scikit-learn centres, never scales).

import { Matrix } from '../core/matrix.js';

/** The mean of each column. */
export function columnMeans(X: Matrix): Float64Array {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) mean[j] += data[off + j];
  }
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  return mean;
}

/**
 * The column means of X and its varying columns (some entry differs from the first row's),
 * ascending, in one pass over X. A constant column's mean is set to its constant exactly (a sum
 * of equal values may round), so that it centres to exact zeros.
 */
export function meansAndVaryingColumns(X: Matrix): { mean: Float64Array; varying: Int32Array } {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  const varies = new Uint8Array(cols);
  for (let j = 0; j < cols; j++) mean[j] = data[j];
  for (let i = 1; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[off + j];
      mean[j] += v;
      if (v !== data[j]) varies[j] = 1;
    }
  }
  let count = 0;
  for (let j = 0; j < cols; j++) {
    if (varies[j]) count++;
    mean[j] = varies[j] ? mean[j] / rows : data[j];
  }
  const varying = new Int32Array(count);
  for (let j = 0, c = 0; j < cols; j++) if (varies[j]) varying[c++] = j;
  return { mean, varying };
}

/** X with `mean` subtracted from every row, as a new matrix. */
export function centred(X: Matrix, mean: Float64Array): Matrix {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) out[off + j] = data[off + j] - mean[j];
  }
  return new Matrix(rows, cols, out);
}

/** The sum of squares of all entries (for a centred X: (N - 1) times the total variance). */
export function sumOfSquares(X: Matrix): number {
  const d = X.data;
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < d.length; t += 2) {
    s0 += d[t] * d[t];
    s1 += d[t + 1] * d[t + 1];
  }
  if (t < d.length) s0 += d[t] * d[t];
  return s0 + s1;
}

/**
 * Flips, in place, each row of M whose entry of largest absolute value (the first of ties) is
 * negative: API.md's sign convention applied to components, which are rows.
 */
export function positiveRows(M: Matrix): Matrix {
  const { rows, cols, data } = M;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    let best = -1;
    let at = off;
    for (let j = 0; j < cols; j++) {
      const v = Math.abs(data[off + j]);
      if (v > best) {
        best = v;
        at = off + j;
      }
    }
    if (data[at] < 0) for (let j = 0; j < cols; j++) data[off + j] = -data[off + j];
  }
  return M;
}
