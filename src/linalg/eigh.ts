// eigh / eigvalsh: the symmetric eigenproblem (numpy.linalg.eigh / eigvalsh, LAPACK dsyevd), all
// O(n^3) work and every iteration in the WASM kernels (see core/kernels/eigh.ts for the phases).
//
// Reads one triangle of A (the lower one by default, as numpy's UPLO='L'); the other is ignored
// (it must still be finite). Eigenvalues ascending; column i of `vectors` belongs to values[i];
// signs by the convention of signs.ts (the largest-magnitude entry of each eigenvector positive).

import { eighKernel, type TridiagonalMethod } from '../core/kernels/eigh.js';
import { Matrix, type MatrixLike } from '../core/matrix.js';
import { squareMatrix } from './input.js';
import { normalizeSigns } from './signs.js';

export interface EighOptions {
  /** Which triangle of A is read: 'L' (default, as numpy) or 'U'. */
  uplo?: 'L' | 'U';
}

export interface EighResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Orthonormal eigenvectors: column i belongs to values[i]. */
  vectors: Matrix;
}

function uploOf(op: string, options: EighOptions | undefined): 'L' | 'U' {
  if (options === undefined) return 'L';
  if (options === null || typeof options !== 'object') throw new TypeError(`${op}: options must be an object, got ${String(options)}`);
  const uplo = options.uplo ?? 'L';
  if (uplo !== 'L' && uplo !== 'U') throw new TypeError(`${op}: uplo must be 'L' or 'U', got ${JSON.stringify(uplo)}`);
  return uplo;
}

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix: A = V diag(values) Vᵀ with V
 * orthogonal. Householder tridiagonalisation, divide and conquer, back-transformation (LAPACK
 * dsyevd). Throws ShapeError for a non-square A, NonFiniteError for NaN or Infinity,
 * ConvergenceError if an iteration reaches its cap (not expected for finite input).
 */
export function eigh(A: MatrixLike, options?: EighOptions): EighResult {
  return eighWith('eigh', A, options, 'dc');
}

/** eigh with a chosen tridiagonal solver ('dc' divide and conquer, 'ql' implicit QL/QR): tests and benchmarks. */
export function eighWith(op: string, A: MatrixLike, options: EighOptions | undefined, method: TridiagonalMethod): EighResult {
  const uplo = uploOf(op, options);
  const a = squareMatrix(op, A);
  const n = a.rows;
  const { values, vectors } = eighKernel({ n, a: a.data, uplo, vectors: true, method, op });
  return { values, vectors: normalizeSigns(new Matrix(n, n, vectors!)) };
}

/**
 * Eigenvalues of a real symmetric matrix, ascending (numpy.linalg.eigvalsh): the tridiagonal
 * reduction and the root-free QL/QR (LAPACK dsterf); no eigenvectors are formed, about a third
 * of eigh's work.
 */
export function eigvalsh(A: MatrixLike, options?: EighOptions): Float64Array {
  const uplo = uploOf('eigvalsh', options);
  const a = squareMatrix('eigvalsh', A);
  return eighKernel({ n: a.rows, a: a.data, uplo, vectors: false, op: 'eigvalsh' }).values;
}

