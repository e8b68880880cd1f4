// Input checks of the ml algorithms on data matrices (rows are samples, columns are features).
// Every failure is a typed error naming the operation and the shapes (DESIGN.md).

import { assertFiniteMatrix, shapeOf } from '../core/checks.js';
import { ShapeError } from '../core/errors.js';
import { toMatrix, type Matrix, type MatrixLike } from '../core/matrix.js';

/** A finite data matrix with at least `minRows` samples and one feature. */
export function dataMatrix(op: string, X: MatrixLike, name = 'X', minRows = 1): Matrix {
  const m = toMatrix(X, op, name);
  if (m.rows < minRows) {
    throw new ShapeError(`${op}: ${name} (${shapeOf(m)}) needs at least ${minRows} sample${minRows === 1 ? '' : 's'} (rows)`);
  }
  if (m.cols < 1) throw new ShapeError(`${op}: ${name} (${shapeOf(m)}) has no features (columns)`);
  assertFiniteMatrix(op, name, m);
  return m;
}

/** A finite data matrix with exactly `cols` features (new data for a fitted model). */
export function dataWithFeatures(op: string, X: MatrixLike, cols: number, name = 'X'): Matrix {
  const m = toMatrix(X, op, name);
  if (m.cols !== cols) throw new ShapeError(`${op}: ${name} (${shapeOf(m)}) must have ${cols} columns (features), got ${m.cols}`);
  assertFiniteMatrix(op, name, m);
  return m;
}

/** An integer in [lo, hi], else a ShapeError naming what it bounds. */
export function integerIn(op: string, name: string, value: unknown, lo: number, hi: number, why: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
    throw new ShapeError(`${op}: ${name} must be an integer from ${lo} to ${hi} (${why}), got ${String(value)}`);
  }
  return value;
}
