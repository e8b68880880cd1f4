// qr: Householder QR (numpy.linalg.qr / scipy.linalg.qr with pivoting), all O(n^3) work in the
// WASM kernels of assembly/lapack/qr.ts (blocked dgeqrf + dorgqr, and dgeqp3 for pivoting).
//
// Signs follow LAPACK (as numpy): R[i, i] = -sign(A's pivot entry) * norm, no normalisation.

import { assertFiniteMatrix } from '../core/checks.js';
import { LinAlgError } from '../core/errors.js';
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
  const amax = maxAbs(a.data);
  if (!Number.isFinite(amax)) assertFiniteMatrix('qr', 'A', a); // throws NonFiniteError naming the entry
  // Near the ends of the exponent range, factor 2^k A instead (exact) and scale R back.
  const k = rangeShift(amax);
  const data = k === 0 ? a.data : scaled(a.data, k);
  const { q, qCols, r, rRows, perm } = qrKernel({ m: a.rows, n: a.cols, a: data, mode, pivoting });
  if (k !== 0) {
    for (let t = 0; t < r.length; t++) r[t] = scaleByPow2(r[t], -k);
    const bad = r.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) {
      throw new LinAlgError(
        `qr: R (${rRows}x${a.cols}) is not representable in float64: R[${Math.floor(bad / a.cols)}, ${bad % a.cols}] ` +
          `(a partial column norm of A) exceeds ${Number.MAX_VALUE}; scale A down first`,
      );
    }
  }
  const R = new Matrix(rRows, a.cols, r);
  const base = q ? { Q: new Matrix(a.rows, qCols, q), R } : { R };
  return perm ? { ...base, perm } : base;
}

/** max |x| (NaN when x has a NaN, Infinity when it has an infinity). */
function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let t = 0; t < x.length; t++) {
    const v = Math.abs(x[t]);
    if (!(v <= m)) m = v; // also takes NaN
    if (m !== m) return NaN;
  }
  return m;
}

/**
 * The power of two k with which A is factored as 2^k A, so that nothing in the factorization
 * overflows or works in subnormal numbers: entries above 2^1000 would let a column norm (and the
 * row sums vᵀA, up to 1.42 times it) overflow, so A is brought down to max |A| < 2^1000 (the
 * smallest shift: entries lose nothing unless they are below 2^-1050); a matrix below 2^-1000 is
 * brought up to max |A| near 1, exactly (no entry can overflow). 0: A as it is.
 */
function rangeShift(amax: number): number {
  if (amax === 0) return 0;
  const e = Math.floor(Math.log2(amax)); // within 1 of the exponent; the bounds below allow for it
  if (e >= 999) return 998 - e;
  if (e < -1000) return -e;
  return 0;
}

/** x * 2^k, exactly (unless the result over- or underflows), for any |k| <= 2098. */
function scaleByPow2(x: number, k: number): number {
  const h = Math.trunc(k / 2);
  return x * 2 ** h * 2 ** (k - h);
}

function scaled(x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) out[t] = scaleByPow2(x[t], k);
  return out;
}
