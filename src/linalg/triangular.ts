// Triangular solves (scipy.linalg.solve_triangular): op(T) x = b with T lower or upper, op(T) = T
// or Tᵀ, unit or general diagonal. Only the triangle named is read. A zero on the diagonal throws
// SingularMatrixError (scipy raises LinAlgError for it too).

import { withScratch } from '../core/arena.js';
import { SingularMatrixError } from '../core/errors.js';
import type { Matrix, MatrixLike, VectorLike } from '../core/matrix.js';
import { rightHandSide, shapeLike, squareMatrix } from './input.js';

export interface TriangularOptions {
  /** T is lower triangular (default false: upper, as scipy). */
  lower?: boolean;
  /** Solve Tᵀ x = b. */
  trans?: boolean;
  /** Take T's diagonal as ones (it is not read). */
  unitDiagonal?: boolean;
}

export function solveTriangular(T: MatrixLike, b: VectorLike, options?: TriangularOptions): Float64Array;
export function solveTriangular(T: MatrixLike, b: MatrixLike, options?: TriangularOptions): Matrix;
export function solveTriangular(T: MatrixLike, b: VectorLike | MatrixLike, options: TriangularOptions = {}): Float64Array | Matrix {
  const t = squareMatrix('solveTriangular', T, 'T');
  const n = t.rows;
  const rhs = rightHandSide('solveTriangular', b, n);
  const { lower = false, trans = false, unitDiagonal = false } = options;
  if (!unitDiagonal) {
    for (let i = 0; i < n; i++) {
      if (t.data[i * n + i] === 0) throw new SingularMatrixError(`solveTriangular: T (${n}x${n}) is singular: T[${i}, ${i}] is zero`);
    }
  }
  const x = withScratch('solveTriangular', (s) => {
    const pt = s.put(t.data);
    const pb = s.put(rhs.data);
    const work = s.alloc(s.wasm.dgemmWorkBytes(Math.max(n, 1), Math.max(rhs.nrhs, 1), Math.max(n, 1)));
    s.wasm.dtrsmLeft(lower ? 1 : 0, trans ? 1 : 0, unitDiagonal ? 1 : 0, n, rhs.nrhs, pt, n, pb, rhs.nrhs, work);
    return s.take(pb, n * rhs.nrhs);
  });
  return shapeLike(rhs, n, x);
}
