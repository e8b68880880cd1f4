// SVD-based tools: matrixRank, pinv and lstsq with numpy's tolerances (numpy.linalg).

import { Matrix, type MatrixLike, type VectorLike } from '../core/matrix.js';
import { matmul } from './products.js';
import { finiteMatrix, rightHandSide } from './input.js';
import { svd, svdvals } from './svd.js';

const EPS = Number.EPSILON;

/**
 * Numerical rank: the number of singular values above `tol`; default S.max * max(m, n) * eps
 * (numpy.linalg.matrix_rank).
 */
export function matrixRank(A: MatrixLike, options: { tol?: number } = {}): number {
  const a = finiteMatrix('matrixRank', A);
  if (a.rows === 0 || a.cols === 0) return 0;
  const s = svdvals(a);
  const tol = options.tol ?? s[0] * Math.max(a.rows, a.cols) * EPS;
  if (typeof tol !== 'number' || Number.isNaN(tol) || tol < 0) throw new TypeError(`matrixRank: tol must be a non-negative number, got ${String(options.tol)}`);
  return s.reduce((r, v) => r + (v > tol ? 1 : 0), 0);
}

/** V diag(1/S) Uᵀ keeping singular values above cutoff, as an n x m matrix. */
function pseudoInverse(U: Matrix, S: Float64Array, Vt: Matrix, cutoff: number): Matrix {
  const k = S.length;
  // Scale the rows of Vt (columns of V) by 1/S, then (diag(1/S) Vt)ᵀ Uᵀ = Vt_scaledᵀ Uᵀ.
  const scaled = Vt.clone();
  for (let i = 0; i < k; i++) {
    const f = S[i] > cutoff ? 1 / S[i] : 0;
    for (let j = 0; j < Vt.cols; j++) scaled.data[i * Vt.cols + j] *= f;
  }
  return matmul(scaled, U, { transA: true, transB: true });
}

/**
 * Moore-Penrose pseudo-inverse through the SVD; singular values at most rtol * S.max are taken
 * as zero, rtol defaulting to max(m, n) * eps (numpy.linalg.pinv since numpy 2).
 */
export function pinv(A: MatrixLike, options: { rtol?: number } = {}): Matrix {
  const a = finiteMatrix('pinv', A);
  const { rows: m, cols: n } = a;
  if (m === 0 || n === 0) return new Matrix(n, m);
  const rtol = options.rtol ?? Math.max(m, n) * EPS;
  if (typeof rtol !== 'number' || Number.isNaN(rtol) || rtol < 0) throw new TypeError(`pinv: rtol must be a non-negative number, got ${String(options.rtol)}`);
  const { U, S, Vt } = svd(a);
  return pseudoInverse(U, S, Vt, rtol * S[0]);
}

export interface LstsqResult<X> {
  /** Minimum-norm least-squares solution. */
  x: X;
  /** Squared 2-norm of each residual column; empty when rank < n or m <= n (as numpy). */
  residuals: Float64Array;
  rank: number;
  singularValues: Float64Array;
}

/**
 * Least squares min ||A x - b|| with the minimum-norm solution, through the SVD (numpy.linalg.lstsq):
 * singular values at most rcond * S.max count as zero, rcond defaulting to eps * max(m, n).
 * b a vector gives x a vector; b a matrix gives x a matrix.
 */
export function lstsq(A: MatrixLike, b: VectorLike, options?: { rcond?: number }): LstsqResult<Float64Array>;
export function lstsq(A: MatrixLike, b: MatrixLike, options?: { rcond?: number }): LstsqResult<Matrix>;
export function lstsq(A: MatrixLike, b: VectorLike | MatrixLike, options: { rcond?: number } = {}): LstsqResult<Float64Array | Matrix> {
  const a = finiteMatrix('lstsq', A);
  const { rows: m, cols: n } = a;
  const rhs = rightHandSide('lstsq', b, m);
  const B = new Matrix(m, rhs.nrhs, rhs.data);
  const rcond = options.rcond ?? EPS * Math.max(m, n);
  if (typeof rcond !== 'number' || Number.isNaN(rcond)) throw new TypeError(`lstsq: rcond must be a number, got ${String(options.rcond)}`);
  if (m === 0 || n === 0) {
    const x = new Matrix(n, rhs.nrhs);
    return { x: rhs.vector ? x.data : x, residuals: new Float64Array(0), rank: 0, singularValues: new Float64Array(0) };
  }
  const { U, S, Vt } = svd(a);
  const cutoff = rcond * S[0];
  const rank = S.reduce((r, v) => r + (v > cutoff ? 1 : 0), 0);
  // x = V diag(1/S) Uᵀ b over the kept singular values.
  const Utb = matmul(U, B, { transA: true });
  for (let i = 0; i < S.length; i++) {
    const f = S[i] > cutoff ? 1 / S[i] : 0;
    for (let j = 0; j < rhs.nrhs; j++) Utb.data[i * rhs.nrhs + j] *= f;
  }
  const X = matmul(Vt, Utb, { transA: true });
  let residuals: Float64Array = new Float64Array(0);
  if (rank === n && m > n) {
    const R = matmul(a, X).sub(B);
    residuals = R.mul(R).sum(0);
  }
  return { x: rhs.vector ? X.data : X, residuals, rank, singularValues: S };
}
