// LA-1 "Identifying special matrices": reduce a 4x4 matrix row by row to upper-triangular form
// with a unit diagonal, repairing a zero pivot only by adding a lower row (no swaps). The steps
// follow the course's numpy code operation by operation, with exact `=== 0` tests.

import { assertFiniteMatrix, assertShape } from '../../core/checks.js';
import { SingularMatrixError } from '../../core/errors.js';
import { Matrix, toMatrix, type MatrixLike } from '../../core/matrix.js';

const N = 4;

/** A Matrix to modify in place (a Matrix is used as is, nested arrays are copied), checked. */
function workMatrix(op: string, A: MatrixLike): Matrix {
  const m = A instanceof Matrix ? A : toMatrix(A, op);
  assertShape(op, 'A', m, N, N);
  assertFiniteMatrix(op, 'A', m);
  return m;
}

function get(a: Float64Array, i: number, j: number): number {
  return a[i * N + j];
}

/** row_i += row_k */
function addRow(a: Float64Array, i: number, k: number): void {
  for (let j = 0; j < N; j++) a[i * N + j] += a[k * N + j];
}

/** row_i -= A[i,k] * row_k (the factor is read once, before the update, as numpy does). */
function eliminate(a: Float64Array, i: number, k: number): void {
  const f = a[i * N + k];
  for (let j = 0; j < N; j++) a[i * N + j] -= f * a[k * N + j];
}

/** row_i /= A[i,i]; throws when the pivot is exactly zero. Returns the pivot. */
function normalise(op: string, a: Float64Array, i: number): number {
  const pivot = a[i * N + i];
  if (pivot === 0) throw new SingularMatrixError(`${op}: the matrix is singular (no non-zero pivot for row ${i})`);
  for (let j = 0; j < N; j++) a[i * N + j] /= pivot;
  return pivot;
}

// The steps return the pivot they divided by; the public functions return the matrix.
// Row additions and eliminations keep the determinant, so det(A) is the product of the four pivots.

function stepZero(a: Float64Array): number {
  for (let k = 1; k <= 3; k++) if (get(a, 0, 0) === 0) addRow(a, 0, k);
  return normalise('fixRowZero', a, 0);
}

function stepOne(a: Float64Array): number {
  eliminate(a, 1, 0);
  for (let k = 2; k <= 3; k++) {
    if (get(a, 1, 1) === 0) {
      addRow(a, 1, k);
      eliminate(a, 1, 0);
    }
  }
  return normalise('fixRowOne', a, 1);
}

function stepTwo(a: Float64Array): number {
  eliminate(a, 2, 0);
  eliminate(a, 2, 1);
  if (get(a, 2, 2) === 0) {
    addRow(a, 2, 3);
    eliminate(a, 2, 0);
    eliminate(a, 2, 1);
  }
  return normalise('fixRowTwo', a, 2);
}

function stepThree(a: Float64Array): number {
  eliminate(a, 3, 0);
  eliminate(a, 3, 1);
  eliminate(a, 3, 2);
  return normalise('fixRowThree', a, 3);
}

/** Makes A[0,0] = 1, adding rows 1..3 while it is zero. Modifies a Matrix in place and returns it. */
export function fixRowZero(A: MatrixLike): Matrix {
  const m = workMatrix('fixRowZero', A);
  stepZero(m.data);
  return m;
}

/** Eliminates A[1,0] and makes A[1,1] = 1 (adding rows 2, 3 if needed). In place. */
export function fixRowOne(A: MatrixLike): Matrix {
  const m = workMatrix('fixRowOne', A);
  stepOne(m.data);
  return m;
}

/** Eliminates A[2,0], A[2,1] and makes A[2,2] = 1 (adding row 3 if needed). In place. */
export function fixRowTwo(A: MatrixLike): Matrix {
  const m = workMatrix('fixRowTwo', A);
  stepTwo(m.data);
  return m;
}

/** Eliminates A[3,0..2] and makes A[3,3] = 1. In place. */
export function fixRowThree(A: MatrixLike): Matrix {
  const m = workMatrix('fixRowThree', A);
  stepThree(m.data);
  return m;
}

/** True iff the four steps on a float64 copy of A meet an exactly zero pivot. */
export function isSingular(A: MatrixLike): boolean {
  return reduceCopy(A).singular;
}

export interface Reduction {
  singular: boolean;
  /** The matrix after each completed step (the copy, never A itself). */
  states: Matrix[];
  /** Product of the pivots: det(A) when not singular, 0 when singular. */
  det: number;
}

/** The course's reduction on a copy, keeping every intermediate state (used by reproduce). */
export function reduceCopy(A: MatrixLike): Reduction {
  const given = toMatrix(A, 'isSingular');
  const m = workMatrix('isSingular', given === A ? given.clone() : given);
  const states: Matrix[] = [];
  let det = 1;
  try {
    for (const step of [stepZero, stepOne, stepTwo, stepThree]) {
      det *= step(m.data);
      states.push(m.clone());
    }
  } catch (error) {
    if (error instanceof SingularMatrixError) return { singular: true, states, det: 0 };
    throw error;
  }
  return { singular: false, states, det };
}
