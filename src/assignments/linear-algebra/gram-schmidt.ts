// LA-2 "Gram-Schmidt process": orthonormalise the columns of a matrix in the course's (modified)
// order; columns that depend on earlier ones become zero, so the column norms sum to the rank.
// This is the course algorithm, not qr(): an absolute threshold and no sign convention.

import { assertFiniteMatrix, assertShape } from '../../core/checks.js';
import { Matrix, toMatrix, type MatrixLike } from '../../core/matrix.js';

/** The course's `verySmallNumber`: a column at most this long counts as zero. */
export const VERY_SMALL_NUMBER = 1e-14;

function columnDot(b: Float64Array, rows: number, cols: number, i: number, j: number): number {
  let s = 0;
  for (let r = 0; r < rows; r++) s += b[r * cols + i] * b[r * cols + j];
  return s;
}

/** B[:, i] -= (B[:, i] . B[:, j]) B[:, j] */
function removeComponent(b: Float64Array, rows: number, cols: number, i: number, j: number): void {
  const f = columnDot(b, rows, cols, i, j);
  for (let r = 0; r < rows; r++) b[r * cols + i] -= f * b[r * cols + j];
}

/** Scales column i to unit length, or zeroes it when its norm is <= VERY_SMALL_NUMBER (if `test`). */
function normaliseColumn(b: Float64Array, rows: number, cols: number, i: number, test: boolean): void {
  const norm = Math.sqrt(columnDot(b, rows, cols, i, i));
  const keep = !test || norm > VERY_SMALL_NUMBER;
  for (let r = 0; r < rows; r++) b[r * cols + i] = keep ? b[r * cols + i] / norm : 0;
}

function input(op: string, A: MatrixLike): Matrix {
  const m = toMatrix(A, op);
  assertFiniteMatrix(op, 'A', m);
  return m.clone();
}

/** Orthonormal columns spanning the columns of A (D x M, any M); dependent columns become 0. */
export function gsBasis(A: MatrixLike): Matrix {
  const B = input('gsBasis', A);
  const { rows, cols, data } = B;
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < i; j++) removeComponent(data, rows, cols, i, j);
    normaliseColumn(data, rows, cols, i, true);
  }
  return B;
}

/**
 * The course's unrolled version for exactly 4 columns. Same results as gsBasis, except that
 * column 0 is divided by its norm without the zero test: a zero first column gives NaN, as in the course.
 */
export function gsBasis4(A: MatrixLike): Matrix {
  const B = input('gsBasis4', A);
  assertShape('gsBasis4', 'A', B, null, 4);
  const { rows, data } = B;
  normaliseColumn(data, rows, 4, 0, false);
  removeComponent(data, rows, 4, 1, 0);
  normaliseColumn(data, rows, 4, 1, true);
  removeComponent(data, rows, 4, 2, 0);
  removeComponent(data, rows, 4, 2, 1);
  normaliseColumn(data, rows, 4, 2, true);
  removeComponent(data, rows, 4, 3, 0);
  removeComponent(data, rows, 4, 3, 1);
  removeComponent(data, rows, 4, 3, 2);
  normaliseColumn(data, rows, 4, 3, true);
  return B;
}

/** Dimension of the span of A's columns: the sum of the column norms of gsBasis(A). */
export function dimensions(A: MatrixLike): number {
  const B = gsBasis(A);
  let sum = 0;
  for (let j = 0; j < B.cols; j++) sum += Math.sqrt(columnDot(B.data, B.rows, B.cols, j, j));
  return sum;
}
