// PCA-1 "Mean, covariance and affine maps": rows are samples, covariance with divisor N (the
// course's np.cov(X.T, bias=True)). The vectorised versions run on the engine (gemv for the
// mean, syrk for the covariance: exactly symmetric); the loop versions are the course's first
// exercise and stay internal, for the timing comparison of reproduce('pca-1').

import { shapeOf } from '../../core/checks.js';
import { ShapeError } from '../../core/errors.js';
import { Matrix, type MatrixLike, type VectorLike } from '../../core/matrix.js';
import { gram, matmul, matvec } from '../../linalg/products.js';
import { dataMatrix, finiteVector } from './input.js';

/** Column means of X (N x D, N >= 1): the mean sample. */
export function mean(X: MatrixLike): Float64Array {
  const x = dataMatrix('mean', X);
  return meanOf(x);
}

/** Xᵀ 1 / N through the engine's gemv. */
export function meanOf(x: Matrix): Float64Array {
  const s = matvec(x, new Float64Array(x.rows).fill(1), { transA: true });
  for (let j = 0; j < s.length; j++) s[j] /= x.rows;
  return s;
}

/** X minus its mean row. */
export function centred(x: Matrix, m: Float64Array): Matrix {
  const out = new Float64Array(x.data.length);
  const { rows, cols, data } = x;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = data[i * cols + j] - m[j];
  return new Matrix(rows, cols, out);
}

/** Covariance Σ (xₙ - m)(xₙ - m)ᵀ / N of the rows of X (N x D, N >= 1): D x D, exactly symmetric. */
export function cov(X: MatrixLike): Matrix {
  const x = dataMatrix('cov', X);
  return gram(centred(x, meanOf(x)), { alpha: 1 / x.rows });
}

/** A mean + b: the mean of the samples A xₙ + b. A is D' x D, mean of length D, b of length D'. */
export function affineMean(meanVector: VectorLike, A: MatrixLike, b: VectorLike): Float64Array {
  const a = dataMatrix('affineMean', A, 'A');
  const m = finiteVector('affineMean', meanVector, 'mean', a.cols);
  const shift = finiteVector('affineMean', b, 'b', a.rows);
  const out = matvec(a, m);
  for (let i = 0; i < out.length; i++) out[i] += shift[i];
  return out;
}

/** A S Aᵀ: the covariance of the samples A xₙ + b (b only checked: a shift leaves the covariance unchanged). */
export function affineCovariance(S: MatrixLike, A: MatrixLike, b: VectorLike): Matrix {
  const s = dataMatrix('affineCovariance', S, 'S');
  const a = dataMatrix('affineCovariance', A, 'A');
  if (s.rows !== s.cols) throw new ShapeError(`affineCovariance: S must be square, got ${shapeOf(s)}`);
  if (a.cols !== s.rows) throw new ShapeError(`affineCovariance: A (${shapeOf(a)}) needs ${s.rows} columns to act on S (${shapeOf(s)})`);
  finiteVector('affineCovariance', b, 'b', a.rows);
  return matmul(matmul(a, s), a, { transB: true });
}

/** The course's loop version of mean (internal: timing only). */
export function meanLoop(x: Matrix): Float64Array {
  const { rows, cols, data } = x;
  const m = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) m[j] /= rows;
  return m;
}

/** The course's loop version of cov: a sum of outer products (internal: timing only). */
export function covLoop(x: Matrix): Matrix {
  const { rows, cols, data } = x;
  const m = meanLoop(x);
  const S = new Float64Array(cols * cols);
  const d = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) d[j] = data[i * cols + j] - m[j];
    for (let p = 0; p < cols; p++) for (let q = 0; q < cols; q++) S[p * cols + q] += d[p] * d[q];
  }
  for (let t = 0; t < S.length; t++) S[t] /= rows;
  return new Matrix(cols, cols, S);
}
