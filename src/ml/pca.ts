// pca(X, { components }): principal component analysis with scikit-learn's conventions (rows of X
// are samples; centred, not scaled; variances with divisor N - 1) and API.md's sign convention
// (each component's entry of largest |value| positive, the first of ties).
//
// method 'auto' (the default) picks the exact covariance eigensolver ('eigh', pca-solvers.ts),
// which on MNIST (10000 x 784, k = 50) takes about a quarter of the SVD's time and is at least as
// fast as scikit-learn's randomized solver (bench/suites/pca.mjs). It re-fits by 'svd' when that
// would be more accurate: when the k-th variance is below AUTO_SVD_BELOW times the largest (the
// covariance's eigenvalues are exact to about eps * λ_max absolutely, so their relative accuracy
// drops as λ_k / λ_max falls), or when N < D and a requested direction has zero variance.
// 'auto' never picks 'randomized': it is approximate (~2e-4 relative on MNIST's top 50 variances)
// and was slower than 'eigh' at every shape measured (one thread, ms, eigh / svd / randomized):
//   300 x 784 (N < D), k = 20:    15 / 46 / 28        2000 x 784, k = 10:    87 / 603 / 145
//   10000 x 784, k = 5:          425 / 2492 / 633     10000 x 100, k = 10:   19 / 69 / 137
// It pays only when min(N, D) is so large that the D x D (or N x N) eigenproblem dominates
// (its cost grows as min(N, D)^3, randomized's as N D k): then ask for it explicitly.

import { ShapeError } from '../core/errors.js';
import { shapeOf } from '../core/checks.js';
import type { MatrixLike } from '../core/matrix.js';
import { centred, meansAndVaryingColumns } from './centre.js';
import { dataMatrix, integerIn } from './data-checks.js';
import { modelFrom, type PcaMethod, type PcaModel } from './pca-model.js';
import { axesByEigh, axesByRandomized, axesBySvd, type PrincipalAxes } from './pca-solvers.js';

export interface PcaOptions {
  /** Number of components k, an integer from 1 to min(N, D). */
  components: number;
  /** Solver (default 'auto'; see the file comment). */
  method?: 'auto' | PcaMethod;
  /** Seed of the randomized solver's Gaussian sketch (default 0). */
  seed?: number;
  /** Extra sketch columns of the randomized solver (default RANDOMIZED_OVERSAMPLES = 25). */
  oversamples?: number;
  /** Power iterations of the randomized solver (default RANDOMIZED_POWER_ITERATIONS = 5). */
  powerIterations?: number;
  /** Scale the scores of transform to unit variance (scikit-learn's whiten; default false). */
  whiten?: boolean;
}

/** 'auto' re-fits by SVD when λ_k / λ_max is below this (eigh's relative error there can pass ~1e-10). */
export const AUTO_SVD_BELOW = 1e-5;

const METHODS = ['auto', 'eigh', 'svd', 'randomized'];

/**
 * Fits a PCA with k components on X (N samples x D features, N >= 2, finite). Returns the fitted
 * model: mean, components (k x D), explainedVariance, explainedVarianceRatio, singularValues,
 * noiseVariance, transform and inverseTransform. Throws ShapeError for N < 2 or k outside
 * 1..min(N, D), NonFiniteError for NaN or Infinity in X.
 */
export function pca(X: MatrixLike, options: PcaOptions): PcaModel {
  if (options === null || typeof options !== 'object') throw new TypeError(`pca: options { components } are required, got ${String(options)}`);
  const method = options.method ?? 'auto';
  if (!METHODS.includes(method)) throw new TypeError(`pca: method must be one of ${METHODS.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(method)}`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new TypeError(`pca: seed must be an integer, got ${String(seed)}`);
  const x = dataMatrix('pca', X, 'X', 2);
  const rank = Math.min(x.rows, x.cols);
  const k = integerIn('pca', 'components', options.components, 1, rank, `at most min(samples, features) for X ${shapeOf(x)}`);
  const { mean, varying } = meansAndVaryingColumns(x);
  let used: PcaMethod = method === 'randomized' ? 'randomized' : method === 'svd' ? 'svd' : 'eigh';
  let axes: PrincipalAxes | null = null;
  if (used === 'eigh') {
    axes = axesByEigh(x, mean, k, varying);
    const inaccurate = axes !== null && method === 'auto' && axes.variances[k - 1] < AUTO_SVD_BELOW * axes.variances[0];
    if (axes === null || inaccurate) used = 'svd';
  }
  if (used === 'svd') axes = axesBySvd(centred(x, mean), k);
  if (used === 'randomized') axes = axesByRandomized(centred(x, mean), k, { seed, oversamples: options.oversamples, powerIterations: options.powerIterations });
  if (axes === null) throw new ShapeError(`pca: no axes for X ${shapeOf(x)}`); // unreachable
  return modelFrom(axes, mean, x.rows, rank, used, options.whiten ?? false);
}
