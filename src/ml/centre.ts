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
 * The columns of X that are not constant (some entry differs from the first row's), ascending.
 * A constant column centres to exactly zero when its mean is the constant itself (see exactMeans).
 */
export function varyingColumns(X: Matrix): Int32Array {
  const { rows, cols, data } = X;
  const varying = new Uint8Array(cols);
  let left = cols; // columns not yet seen to vary
  for (let i = 1; i < rows && left > 0; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) {
      if (varying[j] === 0 && data[off + j] !== data[j]) {
        varying[j] = 1;
        left--;
      }
    }
  }
  const out = new Int32Array(cols - left);
  let c = 0;
  for (let j = 0; j < cols; j++) if (varying[j]) out[c++] = j;
  return out;
}

/** Sets the mean of every constant column (not in `varying`) to its constant exactly (summing may round it). */
export function exactMeans(X: Matrix, mean: Float64Array, varying: Int32Array): Float64Array {
  let c = 0;
  for (let j = 0; j < X.cols; j++) {
    if (c < varying.length && varying[c] === j) c++;
    else mean[j] = X.data[j];
  }
  return mean;
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
