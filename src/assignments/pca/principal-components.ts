// PCA-4 "PCA on MNIST": centring, covariance, sorted eigenpairs and projection, the course's way
// (rows are samples, divisor N), on the engine: syrk for X̄ᵀX̄/N (or X̄X̄ᵀ/N), eigh (dsyevd) for the
// eigenpairs, gemm for every product. `principalModel` decomposes once; `reconstruct` then serves
// every k of a sweep.

import { shapeOf } from '../../core/checks.js';
import { ShapeError } from '../../core/errors.js';
import { Matrix, type MatrixLike } from '../../core/matrix.js';
import { eigh } from '../../linalg/eigh.js';
import { eig as generalEig } from '../../linalg/eig.js';
import { gram, matmul } from '../../linalg/products.js';
import { normalizeSigns } from '../../linalg/signs.js';
import { countArg, dataMatrix } from './input.js';
import { projectionFactor, projectionOnto } from './projections.js';
import { centred, meanOf } from './statistics.js';

/** Centres the rows of X (the current edition's normalize; older ones also divided by the std). */
export function normalize(X: MatrixLike): { Xbar: Matrix; mean: Float64Array } {
  const x = dataMatrix('normalize', X);
  const m = meanOf(x);
  return { Xbar: centred(x, m), mean: m };
}

export interface SortedEigen {
  /** Descending. */
  values: Float64Array;
  /** Unit columns; column i belongs to values[i]; largest-magnitude entry positive. */
  vectors: Matrix;
}

/** Relative asymmetry below which S counts as symmetric (rounding of a product such as XᵀX computed with gemm). */
const SYMMETRY_TOLERANCE = 1e-12;

function isSymmetric(s: Matrix): boolean {
  const n = s.rows;
  let scale = 0;
  for (const v of s.data) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (Math.abs(s.data[i * n + j] - s.data[j * n + i]) > SYMMETRY_TOLERANCE * scale) return false;
  return true;
}

/** eigh's ascending pairs reversed into descending order (the sign rule does not depend on the order). */
function descending(values: Float64Array, vectors: Matrix): SortedEigen {
  const n = values.length;
  const v = new Float64Array(vectors.data.length);
  const d = vectors.rows;
  for (let i = 0; i < d; i++) for (let j = 0; j < n; j++) v[i * n + j] = vectors.data[i * n + (n - 1 - j)];
  return { values: values.slice().reverse(), vectors: new Matrix(d, n, v) };
}

/**
 * Eigenvalues in descending order with their eigenvectors as columns. A symmetric S (to 1e-12
 * relative) goes through eigh, which reads its lower triangle. A non-symmetric S goes through the
 * general eig: real parts of the values and vectors, sorted by real part, descending (stable, so
 * a conjugate pair keeps eig's order: positive imaginary part first).
 */
export function eig(S: MatrixLike): SortedEigen {
  const s = dataMatrix('eig', S, 'S');
  if (s.rows !== s.cols) throw new ShapeError(`eig: S must be square, got ${shapeOf(s)}`);
  if (!isSymmetric(s)) {
    const { values, vectors } = generalEig(s);
    const n = s.rows;
    const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => values.re[b] - values.re[a] || a - b);
    const v = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v.data[i * n + j] = vectors.re.data[i * n + order[j]];
    return { values: Float64Array.from(order, (k) => values.re[k]), vectors: v };
  }
  const { values, vectors } = eigh(s);
  return descending(values, vectors);
}

/** B (BᵀB)⁻¹ Bᵀ for a D x M basis B with independent columns. */
export function projectionMatrix(B: MatrixLike): Matrix {
  return projectionOnto('projectionMatrix', B);
}

export interface PcaResult {
  /** N x D: the data projected on the principal subspace, plus the mean. */
  reconst: Matrix;
  mean: Float64Array;
  /** The k largest eigenvalues of the covariance, descending. */
  principalValues: Float64Array;
  /** D x k: the principal directions as columns. */
  principalComponents: Matrix;
}

/** What one decomposition gives for every k: centred data, mean, all eigenvalues and D x r directions. */
export interface PrincipalModel {
  Xbar: Matrix;
  mean: Float64Array;
  /** All eigenvalues of the decomposed matrix, descending (N of them for the high-dimensional route). */
  values: Float64Array;
  /** D x r candidate principal directions, in the order of `values` (r = min(D, N) at most). */
  directions: Matrix;
}

function pcaInput(op: string, X: MatrixLike): Matrix {
  return dataMatrix(op, X, 'X', 2);
}

/** The course's PCA decomposition: eig(X̄ᵀX̄ / N), D x D. */
export function principalModel(X: MatrixLike, op = 'PCA'): PrincipalModel {
  const x = pcaInput(op, X);
  const mean = meanOf(x);
  const Xbar = centred(x, mean);
  const { values, vectors } = eig(gram(Xbar, { alpha: 1 / x.rows }));
  return { Xbar, mean, values, directions: vectors };
}

/**
 * The high-dimensional route: eig(X̄X̄ᵀ / N), N x N, then U = X̄ᵀV with unit columns (a column of
 * norm zero stays zero) and the engine's sign rule, so that U matches PCA's components.
 */
export function principalModelHighDim(X: MatrixLike, op = 'PCAHighDim'): PrincipalModel {
  const x = pcaInput(op, X);
  const mean = meanOf(x);
  const Xbar = centred(x, mean);
  const { values, vectors } = eig(gram(Xbar, { of: 'rows', alpha: 1 / x.rows }));
  const r = Math.min(x.rows, x.cols);
  const V = new Matrix(x.rows, r, new Float64Array(x.rows * r).map((_, t) => vectors.data[Math.floor(t / r) * x.rows + (t % r)]));
  const U = matmul(Xbar, V, { transA: true });
  for (let j = 0; j < r; j++) {
    let s = 0;
    for (let i = 0; i < U.rows; i++) s += U.data[i * r + j] ** 2;
    const norm = Math.sqrt(s);
    if (norm > 0) for (let i = 0; i < U.rows; i++) U.data[i * r + j] /= norm;
  }
  return { Xbar, mean, values, directions: normalizeSigns(U) };
}

/** The first k columns of a D x r matrix. */
function leadingColumns(M: Matrix, k: number): Matrix {
  const out = new Float64Array(M.rows * k);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < k; j++) out[i * k + j] = M.data[i * M.cols + j];
  return new Matrix(M.rows, k, out);
}

/** The reconstruction of a model with its k leading directions: (P X̄ᵀ)ᵀ + m with P = projectionMatrix(C). */
export function reconstruct(model: PrincipalModel, k: number, op = 'PCA'): PcaResult {
  const { Xbar, mean } = model;
  countArg(op, 'k', k);
  const limit = Math.min(Xbar.rows, Xbar.cols);
  if (k > limit) throw new ShapeError(`${op}: k = ${k} exceeds min(N, D) = ${limit} for X of shape ${shapeOf(Xbar)}`);
  const C = leadingColumns(model.directions, k);
  // Zero columns (PCAHighDim's zero-norm directions) span nothing: project on the others.
  const keep: number[] = [];
  for (let j = 0; j < k; j++) if (C.col(j).some((v) => v !== 0)) keep.push(j);
  let reconst: Matrix;
  if (keep.length === 0) {
    reconst = new Matrix(Xbar.rows, Xbar.cols);
  } else {
    const basis = keep.length === k ? C : new Matrix(C.rows, keep.length).map((_, i, j) => C.get(i, keep[j]));
    // (P X̄ᵀ)ᵀ = X̄ P (P symmetric) = (X̄ B)((BᵀB)⁻¹Bᵀ): N D k flops instead of N D² for X̄ P.
    reconst = matmul(matmul(Xbar, basis), projectionFactor(op, basis));
  }
  const { rows, cols, data } = reconst;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] += mean[j];
  return { reconst, mean: mean.slice(), principalValues: model.values.slice(0, k), principalComponents: C };
}

/** PCA with k components (rows of X are samples, N >= 2, k <= min(N, D)). */
export function PCA(X: MatrixLike, k: number): PcaResult {
  countArg('PCA', 'k', k);
  return reconstruct(principalModel(X, 'PCA'), k, 'PCA');
}

/** PCA through the N x N matrix X̄X̄ᵀ/N, cheaper when N < D; the same result as PCA. */
export function PCAHighDim(X: MatrixLike, k: number): PcaResult {
  countArg('PCAHighDim', 'k', k);
  return reconstruct(principalModelHighDim(X, 'PCAHighDim'), k, 'PCAHighDim');
}

/** Mean over samples of the summed squared error between X and its reconstruction. */
export function reconstructionMse(X: Matrix, reconst: Matrix): number {
  let s = 0;
  for (let t = 0; t < X.data.length; t++) s += (X.data[t] - reconst.data[t]) ** 2;
  return s / X.rows;
}
