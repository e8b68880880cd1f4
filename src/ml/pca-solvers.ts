// The three ways pca() finds the leading k principal axes of a centred data matrix Xc (N x D).
// Each returns the same record; pca.ts chooses between them and builds the model.
//
// 'eigh'        the covariance of the smaller side by the symmetric rank-k product (WASM syrk, half
//               of gemm's work, split over the thread pool when one is running), then the symmetric
//               eigensolver (LAPACK dsyevd's algorithm). N >= D: C = XcᵀXc / (N - 1), D x D, its
//               eigenvectors are the components. N < D: G = Xc Xcᵀ / (N - 1), N x N, and the
//               components are Xcᵀ u / sqrt((N - 1) λ) (the "high-dimensional" PCA of the course).
//               The eigenvalues of the covariance are exact to about eps * λ_max absolutely.
// 'svd'         the thin SVD of Xc (scikit-learn's 'full'): exact to eps relative for each value,
//               about 4x the time of 'eigh' on MNIST.
// 'randomized'  randomizedSvd of Xc (Halko et al.; scikit-learn's 'randomized'): approximate.

import { eighLargest } from '../linalg/eigh-largest.js';
import { gram, matmul } from '../linalg/products.js';
import { randomizedSvd } from '../linalg/randomized-svd.js';
import { svd } from '../linalg/svd.js';
import { Matrix } from '../core/matrix.js';
import { centred, positiveRows, sumOfSquares } from './centre.js';
import { centredCovariance } from './covariance.js';

export interface PrincipalAxes {
  /** k x D, rows are unit components, sign convention applied. */
  components: Matrix;
  /** The k variances along the components (divisor N - 1), descending. */
  variances: Float64Array;
  /** Total variance of the data: the sum of all min(N, D) variances (trace of the covariance). */
  totalVariance: number;
}

/**
 * 'eigh' on the covariance of the smaller side; null when N < D and a requested eigenvalue is
 * (numerically) zero. N >= D needs X and its mean only (centred inside the engine); N < D needs Xc.
 *
 * N >= D: constant features (MNIST's always-black border pixels: 67 of 784 in the 10,000 digits)
 * centre to exact zeros, so their rows and columns of the covariance are exactly zero and every
 * eigenvector of a non-zero eigenvalue is exactly zero there. They are left out of the product
 * and of the eigenproblem (k <= the varying features), and the components get exact zeros in
 * those places: the same result for less work (on MNIST about 0.84 of the gram, 0.76 of eigh).
 * `varying` lists the non-constant columns (with `mean` exact on the others: centre.ts meansAndVaryingColumns).
 */
export function axesByEigh(X: Matrix, mean: Float64Array, k: number, varying: Int32Array): PrincipalAxes | null {
  const { rows: N, cols: D } = X;
  const byColumns = N >= D;
  const Xc = byColumns ? null : centred(X, mean);
  const cols = byColumns && varying.length >= k && varying.length < D ? varying : undefined;
  const C = Xc ? gram(Xc, { of: 'rows', alpha: 1 / (N - 1) }) : centredCovariance(X, mean, cols);
  const p = C.rows;
  let totalVariance = 0;
  for (let i = 0; i < p; i++) totalVariance += C.data[i * p + i];
  // only the k leading eigenvectors are back-transformed (eighLargest): on MNIST a third of eigh's time
  const { values, vectors } = eighLargest(C, k);
  const variances = new Float64Array(k);
  // ascending: the leading axes are the last columns. Rounding can leave a zero variance slightly negative.
  for (let i = 0; i < k; i++) variances[i] = Math.max(0, values[p - 1 - i]);
  const V = vectors.data; // p x k
  if (byColumns) {
    const comps = new Float64Array(k * D);
    for (let i = 0; i < k; i++) for (let r = 0; r < p; r++) comps[i * D + (cols ? cols[r] : r)] = V[r * k + (k - 1 - i)];
    // eighLargest's columns already have the largest |entry| positive: the rows keep it.
    return { components: new Matrix(k, D, comps), variances, totalVariance };
  }
  // Xcᵀ u_i has norm sqrt((N - 1) λ_i); below eps * λ_max * N that direction is noise.
  if (variances[k - 1] <= 2 ** -52 * N * Math.max(variances[0], Number.MIN_VALUE)) return null;
  const Uk = new Float64Array(N * k);
  for (let r = 0; r < N; r++) for (let i = 0; i < k; i++) Uk[r * k + i] = V[r * k + (k - 1 - i)] / Math.sqrt((N - 1) * variances[i]);
  const components = matmul(new Matrix(N, k, Uk), Xc!, { transA: true });
  return { components: positiveRows(components), variances, totalVariance };
}

/** 'svd': the thin SVD of Xc, the variances S² / (N - 1) (scikit-learn's 'full'). */
export function axesBySvd(Xc: Matrix, k: number): PrincipalAxes {
  const { rows: N, cols: D } = Xc;
  const { S, Vt } = svd(Xc);
  const variances = new Float64Array(k);
  let totalVariance = 0;
  for (let i = 0; i < S.length; i++) totalVariance += (S[i] * S[i]) / (N - 1);
  for (let i = 0; i < k; i++) variances[i] = (S[i] * S[i]) / (N - 1);
  const components = new Matrix(k, D, Vt.data.slice(0, k * D));
  return { components: positiveRows(components), variances, totalVariance };
}

/**
 * pca's randomized defaults. scikit-learn's (10 extra columns, 7 power iterations at k = 50 on
 * MNIST) leave the 50th variance 3e-3 (ours) to 6e-3 (scikit-learn, random_state=0) off; 25 extra
 * columns and 5 power iterations measured 2e-4 in slightly less time (10000 x 784, k = 50).
 */
export const RANDOMIZED_OVERSAMPLES = 25;
export const RANDOMIZED_POWER_ITERATIONS = 5;

export interface RandomizedOptions {
  seed: number;
  oversamples?: number;
  powerIterations?: number;
}

/** 'randomized': randomizedSvd of Xc (seeded); the total variance from the data itself, as scikit-learn. */
export function axesByRandomized(Xc: Matrix, k: number, options: RandomizedOptions): PrincipalAxes {
  const N = Xc.rows;
  const { S, Vt } = randomizedSvd(Xc, k, {
    seed: options.seed,
    oversamples: options.oversamples ?? RANDOMIZED_OVERSAMPLES,
    powerIterations: options.powerIterations ?? RANDOMIZED_POWER_ITERATIONS,
  });
  const variances = new Float64Array(k);
  for (let i = 0; i < k; i++) variances[i] = (S[i] * S[i]) / (N - 1);
  return { components: positiveRows(Vt), variances, totalVariance: sumOfSquares(Xc) / (N - 1) };
}
