// A fitted PCA: the principal axes and what scikit-learn's PCA exposes after fit (mean_,
// components_, explained_variance_, explained_variance_ratio_, singular_values_,
// noise_variance_), with transform / inverseTransform. Shared by pca() and IncrementalPca.

import { Matrix, type MatrixLike } from '../core/matrix.js';
import { matmul } from '../linalg/products.js';
import { centred } from './centre.js';
import { dataWithFeatures } from './data-checks.js';

export type PcaMethod = 'eigh' | 'svd' | 'randomized';

export interface PcaFit {
  mean: Float64Array;
  components: Matrix;
  explainedVariance: Float64Array;
  explainedVarianceRatio: Float64Array;
  singularValues: Float64Array;
  noiseVariance: number;
  nSamples: number;
  method: PcaMethod | 'incremental';
  whiten: boolean;
}

export class PcaModel {
  /** Per-feature mean of the training data (length D). */
  readonly mean: Float64Array;
  /** k x D: row i is the i-th principal axis (unit length; its entry of largest |value| positive, the first of ties). */
  readonly components: Matrix;
  /** Variance of the training data along each component (divisor N - 1, as scikit-learn), descending. */
  readonly explainedVariance: Float64Array;
  /** explainedVariance divided by the total variance of the training data. */
  readonly explainedVarianceRatio: Float64Array;
  /** Singular values of the centred training data: sqrt((N - 1) explainedVariance). */
  readonly singularValues: Float64Array;
  /**
   * scikit-learn's noise_variance_: the mean variance of the min(N, D) - k discarded directions
   * (0 when k = min(N, D)), i.e. the isotropic noise of probabilistic PCA.
   */
  readonly noiseVariance: number;
  /** Samples the model was fitted on. */
  readonly nSamples: number;
  /** The solver that produced the fit ('incremental' for IncrementalPca). */
  readonly method: PcaMethod | 'incremental';
  /** Whether transform scales each score to unit variance (and inverseTransform scales back). */
  readonly whiten: boolean;

  constructor(fit: PcaFit) {
    this.mean = fit.mean;
    this.components = fit.components;
    this.explainedVariance = fit.explainedVariance;
    this.explainedVarianceRatio = fit.explainedVarianceRatio;
    this.singularValues = fit.singularValues;
    this.noiseVariance = fit.noiseVariance;
    this.nSamples = fit.nSamples;
    this.method = fit.method;
    this.whiten = fit.whiten;
  }

  /** Number of components k. */
  get nComponents(): number {
    return this.components.rows;
  }

  /** Scores of new samples (M x D -> M x k): (X - mean) componentsᵀ, divided by sqrt(variance) when whitening. */
  transform(X: MatrixLike): Matrix {
    const x = dataWithFeatures('PCA.transform', X, this.components.cols);
    const Z = matmul(centred(x, this.mean), this.components, { transB: true });
    if (this.whiten) scaleColumns(Z, this.explainedVariance, (v) => (v > 0 ? 1 / Math.sqrt(v) : 0));
    return Z;
  }

  /** Samples back from scores (M x k -> M x D): Z components + mean (the projection onto the k-dimensional subspace). */
  inverseTransform(Z: MatrixLike): Matrix {
    const z = dataWithFeatures('PCA.inverseTransform', Z, this.components.rows, 'Z');
    const zs = this.whiten ? scaleColumns(z.clone(), this.explainedVariance, Math.sqrt) : z;
    const X = matmul(zs, this.components);
    const { rows, cols, data } = X;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] += this.mean[j];
    return X;
  }
}

function scaleColumns(M: Matrix, v: Float64Array, f: (x: number) => number): Matrix {
  const s = Array.from(v, f);
  const { rows, cols, data } = M;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] *= s[j];
  return M;
}

/** The model of k leading axes: ratios, singular values and noise variance from the variances and the total. */
export function modelFrom(
  axes: { components: Matrix; variances: Float64Array; totalVariance: number },
  mean: Float64Array,
  nSamples: number,
  rank: number,
  method: PcaFit['method'],
  whiten: boolean,
): PcaModel {
  const k = axes.variances.length;
  // A constant data set has no variance to explain: ratios 0, not 0 / 0.
  const ratio = axes.variances.map((v) => (axes.totalVariance > 0 ? v / axes.totalVariance : 0));
  const singularValues = axes.variances.map((v) => Math.sqrt(v * (nSamples - 1)));
  let kept = 0;
  for (const v of axes.variances) kept += v;
  const noiseVariance = k < rank ? Math.max(0, axes.totalVariance - kept) / (rank - k) : 0;
  return new PcaModel({
    mean,
    components: axes.components,
    explainedVariance: axes.variances,
    explainedVarianceRatio: ratio,
    singularValues,
    noiseVariance,
    nSamples,
    method,
    whiten,
  });
}
