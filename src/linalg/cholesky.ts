// Cholesky factorization (numpy.linalg.cholesky: lower L with A = L Lᵀ, reading A's lower
// triangle) and the SPD solve path, through the WASM dpotrf (upper Uᵀ U in row-major, U = Lᵀ).

import { withScratch, type Scratch } from '../core/arena.js';
import { NotPositiveDefiniteError } from '../core/errors.js';
import { Matrix, type MatrixLike, type VectorLike } from '../core/matrix.js';
import { rightHandSide, shapeLike, squareMatrix } from './input.js';

/** Places A's lower triangle mirrored into the upper one, factors it; returns the address of U. */
function placeCholesky(op: string, s: Scratch, a: Matrix, nrhs: number): { u: number; work: number } {
  const n = a.rows;
  const mirrored = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) mirrored[j * n + i] = a.data[i * n + j];
  const u = s.put(mirrored);
  const work = s.alloc(s.wasm.dgemmWorkBytes(Math.max(n, nrhs), Math.max(n, nrhs), Math.max(n, 1)));
  const info = s.wasm.dpotrf(n, u, n, work);
  if (info > 0) {
    throw new NotPositiveDefiniteError(`${op}: the matrix (${n}x${n}) is not positive definite (its leading minor of order ${info} is not)`);
  }
  return { u, work };
}

/** Lower triangular L with A = L Lᵀ for a symmetric positive definite A (its lower triangle is read). */
export function cholesky(A: MatrixLike): Matrix {
  const a = squareMatrix('cholesky', A);
  const n = a.rows;
  const upper = withScratch('cholesky', (s) => s.take(placeCholesky('cholesky', s, a, 1).u, n * n));
  const L = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) L.data[i * n + j] = upper[j * n + i];
  return L;
}

/** x with A x = b for a symmetric positive definite A, through its Cholesky factor (half the work of solve). */
export function choSolve(A: MatrixLike, b: VectorLike): Float64Array;
export function choSolve(A: MatrixLike, b: MatrixLike): Matrix;
export function choSolve(A: MatrixLike, b: VectorLike | MatrixLike): Float64Array | Matrix {
  const a = squareMatrix('choSolve', A);
  const rhs = rightHandSide('choSolve', b, a.rows);
  const n = a.rows;
  const x = withScratch('choSolve', (s) => {
    const { u, work } = placeCholesky('choSolve', s, a, rhs.nrhs);
    const pb = s.put(rhs.data);
    s.wasm.dpotrs(n, rhs.nrhs, u, n, pb, rhs.nrhs, work);
    return s.take(pb, n * rhs.nrhs);
  });
  return shapeLike(rhs, n, x);
}
