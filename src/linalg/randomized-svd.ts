// Randomized SVD (Halko, Martinsson & Tropp 2011, Algorithm 4.4 with power iterations and QR
// re-orthonormalisation between them): the leading k singular triplets of A from a Gaussian
// sketch, in O(m n (k + p)) work. Seeded, so results are reproducible.

import { ShapeError } from '../core/errors.js';
import { Matrix, type MatrixLike } from '../core/matrix.js';
import { finiteMatrix } from './input.js';
import { matmul } from './products.js';
import { qr } from './qr.js';
import { normalizeSigns } from './signs.js';
import { svd } from './svd.js';

export interface RandomizedSvdOptions {
  /** Extra sketch columns beyond k (default 10). */
  oversamples?: number;
  /** Power iterations (default: 7 when k < 0.1 min(m, n), else 4, as scikit-learn). */
  powerIterations?: number;
  /** Seed of the Gaussian test matrix (default 0). */
  seed?: number;
}

function orthonormalBasis(Y: Matrix): Matrix {
  return qr(Y, { mode: 'reduced' }).Q;
}

export function randomizedSvd(A: MatrixLike, k: number, options: RandomizedSvdOptions = {}): { U: Matrix; S: Float64Array; Vt: Matrix } {
  const a = finiteMatrix('randomizedSvd', A);
  const { rows: m, cols: n } = a;
  if (!Number.isInteger(k) || k < 1 || k > Math.min(m, n)) {
    throw new ShapeError(`randomizedSvd: k must be an integer from 1 to min(m, n) = ${Math.min(m, n)} for a ${m}x${n} matrix, got ${String(k)}`);
  }
  const oversamples = options.oversamples ?? 10;
  const q = options.powerIterations ?? (k < 0.1 * Math.min(m, n) ? 7 : 4);
  if (!Number.isInteger(oversamples) || oversamples < 0) throw new TypeError(`randomizedSvd: oversamples must be a non-negative integer, got ${String(oversamples)}`);
  if (!Number.isInteger(q) || q < 0) throw new TypeError(`randomizedSvd: powerIterations must be a non-negative integer, got ${String(q)}`);
  const l = Math.min(k + oversamples, Math.min(m, n));
  const omega = Matrix.random(n, l, { seed: options.seed ?? 0, distribution: 'normal' });
  let Q = orthonormalBasis(matmul(a, omega));
  for (let i = 0; i < q; i++) {
    const Z = orthonormalBasis(matmul(a, Q, { transA: true })); // n x l
    Q = orthonormalBasis(matmul(a, Z)); // m x l
  }
  const B = matmul(Q, a, { transA: true }); // l x n
  const { U: Ub, S, Vt } = svd(B);
  const U = matmul(Q, Ub); // m x l
  const Uk = new Matrix(m, k).map((_, i, j) => U.get(i, j));
  const Vtk = new Matrix(k, n, Vt.data.slice(0, k * n));
  normalizeSigns(Uk, Vtk);
  return { U: Uk, S: S.slice(0, k), Vt: Vtk };
}
