// Input checks shared by the solvers and factorizations (DESIGN.md: check before the engine).

import { assertFiniteMatrix, assertFiniteVector, shapeOf } from '../core/checks.js';
import { ShapeError } from '../core/errors.js';
import { Matrix, toMatrix, toVector, type MatrixLike, type VectorLike } from '../core/matrix.js';

/** A finite Matrix (checked), any shape. */
export function finiteMatrix(op: string, A: MatrixLike, name = 'A'): Matrix {
  const m = toMatrix(A, op, name);
  assertFiniteMatrix(op, name, m);
  return m;
}

/** A finite square Matrix (checked). */
export function squareMatrix(op: string, A: MatrixLike, name = 'A'): Matrix {
  const m = toMatrix(A, op, name);
  if (m.rows !== m.cols) throw new ShapeError(`${op}: ${name} must be square, got ${shapeOf(m)}`);
  assertFiniteMatrix(op, name, m);
  return m;
}

/** A right-hand side: a vector (one column) or a matrix, with `rows` rows, finite. */
export interface RightHandSide {
  data: Float64Array;
  nrhs: number;
  vector: boolean;
}

export function rightHandSide(op: string, b: VectorLike | MatrixLike, rows: number, name = 'b'): RightHandSide {
  const isMatrix = b instanceof Matrix || (Array.isArray(b) && b.length > 0 && Array.isArray(b[0]));
  if (isMatrix) {
    const B = toMatrix(b as MatrixLike, op, name);
    if (B.rows !== rows) throw new ShapeError(`${op}: ${name} has ${B.rows} rows, the system has ${rows}`);
    assertFiniteMatrix(op, name, B);
    return { data: B.data, nrhs: B.cols, vector: false };
  }
  const v = toVector(b as VectorLike, op, name);
  if (v.length !== rows) throw new ShapeError(`${op}: ${name} has length ${v.length}, the system has ${rows} rows`);
  assertFiniteVector(op, name, v);
  return { data: v, nrhs: 1, vector: true };
}

/** The solution in the shape of its right-hand side. */
export function shapeLike(rhs: RightHandSide, rows: number, data: Float64Array): Float64Array | Matrix {
  return rhs.vector ? data : new Matrix(rows, rhs.nrhs, data);
}
