// The k largest eigenpairs of a symmetric matrix (scipy.linalg.eigh's subset_by_index = [n - k, n - 1]),
// for PCA: the same reduction and divide and conquer as eigh, but only k eigenvectors are
// back-transformed (dormtrCols), which saves most of the back-transformation when k << n.

import { ShapeError } from '../core/errors.js';
import { eighKernel } from '../core/kernels/eigh.js';
import { Matrix, type MatrixLike } from '../core/matrix.js';
import { squareMatrix } from './input.js';
import { normalizeSigns } from './signs.js';

export interface EighLargestResult {
  /** All n eigenvalues, ascending (they come with the reduction at no extra cost). */
  values: Float64Array;
  /** n x k: column c belongs to values[n - k + c] (ascending, like eigh); signs as eigh. */
  vectors: Matrix;
}

/** eigh for the eigenvectors of the k largest eigenvalues only (reads the lower triangle of A). */
export function eighLargest(A: MatrixLike, k: number): EighLargestResult {
  const a = squareMatrix('eighLargest', A);
  const n = a.rows;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new ShapeError(`eighLargest: k must be an integer from 1 to ${n} for A ${n}x${n}, got ${String(k)}`);
  const { values, vectors } = eighKernel({ n, a: a.data, uplo: 'L', vectors: true, top: k, op: 'eighLargest' });
  return { values, vectors: normalizeSigns(new Matrix(n, k, vectors!)) };
}
