// Input checks of the PCA course functions: finite data, matching lengths, typed errors naming
// the function (DESIGN.md "Errors and bad input").

import { assertFiniteMatrix, assertFiniteVector, shapeOf } from '../../core/checks.js';
import { ShapeError } from '../../core/errors.js';
import { Matrix, toMatrix, toVector, type MatrixLike, type VectorLike } from '../../core/matrix.js';

/** A finite data matrix with at least `minRows` rows (rows are samples). */
export function dataMatrix(op: string, X: MatrixLike, name = 'X', minRows = 1): Matrix {
  const m = toMatrix(X, op, name);
  if (m.rows < minRows) throw new ShapeError(`${op}: ${name} (${shapeOf(m)}) needs at least ${minRows} row(s) (samples)`);
  if (m.cols < 1) throw new ShapeError(`${op}: ${name} (${shapeOf(m)}) has no columns`);
  assertFiniteMatrix(op, name, m);
  return m;
}

/** A finite vector, of length `length` when given. */
export function finiteVector(op: string, x: VectorLike, name: string, length?: number): Float64Array {
  const v = toVector(x, op, name);
  if (length !== undefined && v.length !== length) throw new ShapeError(`${op}: ${name} has length ${v.length}, expected ${length}`);
  assertFiniteVector(op, name, v);
  return v;
}

/** Two finite vectors of the same, non-zero length. */
export function vectorPair(op: string, x: VectorLike, y: VectorLike): [Float64Array, Float64Array] {
  const a = finiteVector(op, x, 'x');
  const b = finiteVector(op, y, 'y');
  if (a.length !== b.length) throw new ShapeError(`${op}: x has length ${a.length} but y has length ${b.length}`);
  if (a.length === 0) throw new ShapeError(`${op}: x and y are empty`);
  return [a, b];
}

/** True for a Matrix or a nested array (a matrix argument where a vector is also allowed). */
export function isMatrixLike(x: unknown): x is MatrixLike {
  return x instanceof Matrix || (Array.isArray(x) && x.length > 0 && Array.isArray(x[0]));
}

/** A non-negative integer count (k of kNN and PCA), else TypeError. */
export function countArg(op: string, name: string, k: number): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 0) throw new TypeError(`${op}: ${name} must be a non-negative integer, got ${String(k)}`);
  return k;
}
