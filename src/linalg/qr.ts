// qr: Householder QR (numpy.linalg.qr / scipy.linalg.qr with pivoting), all O(n^3) work in the
// WASM kernels of assembly/lapack/qr.ts (blocked dgeqrf + dorgqr, and dgeqp3 for pivoting).
//
// Signs follow LAPACK (as numpy): R[i, i] = -sign(A's pivot entry) * norm, no normalisation.

import { assertFiniteMatrix } from '../core/checks.js';
import { qrKernel, type QrMode } from '../core/kernels/qr.js';
import { Matrix, toMatrix, type MatrixLike } from '../core/matrix.js';

export type { QrMode };

export interface QrOptions {
  /**
   * 'reduced' (default): Q m x k, R k x n with k = min(m, n); 'complete': Q m x m, R m x n;
   * 'r': R only (k x n), no Q is formed.
   */
  mode?: QrMode;
  /** Column pivoting (LAPACK dgeqp3): A[:, perm] = Q R with |R[i, i]| non-increasing. */
  pivoting?: boolean;
}

/** Q and R. */
export interface QrResult {
  Q: Matrix;
  R: Matrix;
}
/** Q, R and the column permutation (0-based): A[:, perm] = Q R. */
export interface QrPivotedResult extends QrResult {
  perm: Int32Array;
}
/** R only (mode 'r'). */
export interface QrROnlyResult {
  R: Matrix;
}
/** R and the column permutation (mode 'r' with pivoting). */
export interface QrROnlyPivotedResult extends QrROnlyResult {
  perm: Int32Array;
}

/** Any of the results above (Q absent for mode 'r', perm present with pivoting). */
export interface QrAnyResult {
  Q?: Matrix;
  R: Matrix;
  perm?: Int32Array;
}

/**
 * Householder QR: A = Q R with Q orthonormal columns and R upper triangular (trapezoidal when
 * A is wide). With `pivoting`, A[:, perm] = Q R and |R[i, i]| is non-increasing, which reveals the
 * numerical rank. Throws NonFiniteError for NaN or Infinity, TypeError for a bad option.
 */
export function qr(A: MatrixLike, options: { mode: 'r'; pivoting: true }): QrROnlyPivotedResult;
export function qr(A: MatrixLike, options: { mode: 'r'; pivoting?: false }): QrROnlyResult;
export function qr(A: MatrixLike, options: { mode: 'r'; pivoting?: boolean }): QrROnlyResult & { perm?: Int32Array };
export function qr(A: MatrixLike, options: { mode?: 'reduced' | 'complete'; pivoting: true }): QrPivotedResult;
export function qr(A: MatrixLike, options?: { mode?: 'reduced' | 'complete'; pivoting?: false }): QrResult;
export function qr(A: MatrixLike, options: { mode?: 'reduced' | 'complete'; pivoting?: boolean }): QrResult & { perm?: Int32Array };
export function qr(A: MatrixLike, options?: QrOptions): QrAnyResult;
export function qr(A: MatrixLike, options: QrOptions = {}): QrAnyResult {
  const a = toMatrix(A, 'qr', 'A');
  if (options === null || typeof options !== 'object') throw new TypeError(`qr: options must be an object, got ${String(options)}`);
  const mode = options.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') {
    throw new TypeError(`qr: mode must be 'reduced', 'complete' or 'r', got ${JSON.stringify(mode)}`);
  }
  const pivoting = options.pivoting ?? false;
  if (typeof pivoting !== 'boolean') throw new TypeError(`qr: pivoting must be a boolean, got ${JSON.stringify(pivoting)}`);
  assertFiniteMatrix('qr', 'A', a);
  const { q, qCols, r, rRows, perm } = qrKernel({ m: a.rows, n: a.cols, a: a.data, mode, pivoting });
  const R = new Matrix(rRows, a.cols, r);
  const base = q ? { Q: new Matrix(a.rows, qCols, q), R } : { R };
  return perm ? { ...base, perm } : base;
}
