// pairwiseDistances(X, Y?): Euclidean distances between the rows of X and the rows of Y through
// one matrix product (scikit-learn's euclidean_distances): ||x - y||² = ||x||² + ||y||² - 2 x·y,
// with X Yᵀ by the WASM gemm (or, without Y, X Xᵀ by the symmetric rank-k product: half the work
// and exactly symmetric). Cancellation can leave tiny negative squares: clamped at 0; without Y
// the diagonal is exactly 0.

import { shapeOf } from '../core/checks.js';
import { ShapeError } from '../core/errors.js';
import { Matrix, type MatrixLike } from '../core/matrix.js';
import { gram, matmul } from '../linalg/products.js';
import { dataMatrix } from './data-checks.js';

export interface DistanceOptions {
  /** Return squared distances (no square roots; default false). */
  squared?: boolean;
}

/** Squared 2-norm of each row. */
export function rowSquaredNorms(X: Matrix): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = i * cols, end = j + cols; j < end; j++) s += data[j] * data[j];
    out[i] = s;
  }
  return out;
}

/**
 * The M x N matrix of Euclidean distances between the rows of X (M x D) and of Y (N x D);
 * without Y (or with Y the same object as X), between the rows of X (symmetric, zero diagonal). Throws ShapeError when the
 * feature counts differ, NonFiniteError for NaN or Infinity.
 */
export function pairwiseDistances(X: MatrixLike, Y?: MatrixLike | null, options: DistanceOptions = {}): Matrix {
  const x = dataMatrix('pairwiseDistances', X, 'X');
  // Y omitted (or X itself): the symmetric path, exact zeros on the diagonal
  const y = Y === undefined || Y === null || Y === X ? null : dataMatrix('pairwiseDistances', Y, 'Y');
  if (y && y.cols !== x.cols) throw new ShapeError(`pairwiseDistances: X (${shapeOf(x)}) and Y (${shapeOf(y)}) have different numbers of features`);
  return squaredToDistances(y ? crossSquared(x, y) : selfSquared(x), options.squared ?? false);
}

/** ||x_i - y_j||² for all pairs, clamped at 0. */
export function crossSquared(x: Matrix, y: Matrix, xNorms = rowSquaredNorms(x), yNorms = rowSquaredNorms(y)): Matrix {
  const G = matmul(x, y, { transB: true });
  const n = y.rows;
  const g = G.data;
  for (let i = 0; i < x.rows; i++) {
    const off = i * n;
    for (let j = 0; j < n; j++) g[off + j] = Math.max(0, xNorms[i] + yNorms[j] - 2 * g[off + j]);
  }
  return G;
}

/** ||x_i - x_j||² for all pairs: symmetric, exact zeros on the diagonal. */
function selfSquared(x: Matrix): Matrix {
  const G = gram(x, { of: 'rows' });
  const m = x.rows;
  const g = G.data;
  const norms = new Float64Array(m);
  for (let i = 0; i < m; i++) norms[i] = g[i * m + i];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) g[i * m + j] = i === j ? 0 : Math.max(0, norms[i] + norms[j] - 2 * g[i * m + j]);
  }
  return G;
}

function squaredToDistances(M: Matrix, squared: boolean): Matrix {
  if (!squared) {
    const d = M.data;
    for (let t = 0; t < d.length; t++) d[t] = Math.sqrt(d[t]);
  }
  return M;
}
