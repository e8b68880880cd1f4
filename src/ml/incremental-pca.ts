// IncrementalPca: PCA fitted batch by batch (scikit-learn's IncrementalPCA, after Ross et al. 2008),
// so data larger than memory can be processed in chunks; memory is O(k D + batch D).
//
// Each partialFit(batch) centres the batch on its own mean and takes the thin SVD of the stack
//     [ S_prev * components_prev ]   k x D     the data seen so far, compressed to k axes
//     [ batch - batch mean        ]   b x D
//     [ mean correction row       ]   1 x D     sqrt(n_prev b / (n_prev + b)) (mean_prev - batch mean)
// whose leading k right singular vectors are the new components and whose singular values give
// the new variances (divisor n - 1). Means and per-feature variances are updated exactly
// (Chan, Golub & LeVeque's pairwise formulas), so the explained-variance ratio uses the true total.
// After one batch this equals pca(X, { method: 'svd' }); after several it is the same approximation
// scikit-learn makes (the discarded directions of earlier batches are gone).

import { LinAlgError, ShapeError } from '../core/errors.js';
import { shapeOf } from '../core/checks.js';
import { Matrix, type MatrixLike } from '../core/matrix.js';
import { svd } from '../linalg/svd.js';
import { centred, columnMeans, positiveRows } from './centre.js';
import { dataMatrix, dataWithFeatures, integerIn } from './data-checks.js';
import { PcaModel } from './pca-model.js';

export interface IncrementalPcaOptions {
  /** Number of components k; every batch needs at least k rows (as scikit-learn). */
  components: number;
  /** Rows per batch of fit() (default 5 D, as scikit-learn). */
  batchSize?: number;
  /** As pca()'s whiten (default false). */
  whiten?: boolean;
}

export class IncrementalPca {
  readonly nComponents: number;
  readonly batchSize: number | undefined;
  readonly whiten: boolean;
  private model: PcaModel | null = null;
  private seen = 0;
  private mean: Float64Array = new Float64Array(0);
  /** Per-feature sums of squared deviations from the mean over everything seen. */
  private m2: Float64Array = new Float64Array(0);

  constructor(options: IncrementalPcaOptions) {
    if (options === null || typeof options !== 'object') throw new TypeError(`IncrementalPca: options { components } are required, got ${String(options)}`);
    this.nComponents = integerIn('IncrementalPca', 'components', options.components, 1, Number.MAX_SAFE_INTEGER, 'a positive count');
    if (options.batchSize !== undefined) integerIn('IncrementalPca', 'batchSize', options.batchSize, this.nComponents, Number.MAX_SAFE_INTEGER, 'at least components');
    this.batchSize = options.batchSize;
    this.whiten = options.whiten ?? false;
  }

  /** Samples seen so far. */
  get nSamplesSeen(): number {
    return this.seen;
  }

  /** The model fitted so far (throws LinAlgError before the first batch). */
  get fitted(): PcaModel {
    if (!this.model) throw new LinAlgError('IncrementalPca: not fitted yet: call partialFit(batch) or fit(X) first');
    return this.model;
  }

  get components(): Matrix {
    return this.fitted.components;
  }
  get explainedVariance(): Float64Array {
    return this.fitted.explainedVariance;
  }
  get explainedVarianceRatio(): Float64Array {
    return this.fitted.explainedVarianceRatio;
  }
  get singularValues(): Float64Array {
    return this.fitted.singularValues;
  }
  get noiseVariance(): number {
    return this.fitted.noiseVariance;
  }
  /** Per-feature variance of everything seen (divisor n, scikit-learn's var_). */
  get variance(): Float64Array {
    return this.m2.map((v) => v / this.seen);
  }
  transform(X: MatrixLike): Matrix {
    return this.fitted.transform(X);
  }
  inverseTransform(Z: MatrixLike): Matrix {
    return this.fitted.inverseTransform(Z);
  }

  /** Forgets everything seen. */
  reset(): this {
    this.model = null;
    this.seen = 0;
    this.mean = new Float64Array(0);
    this.m2 = new Float64Array(0);
    return this;
  }

  /** Fits on X from scratch in batches of batchSize rows (a last batch shorter than k joins the one before, as scikit-learn's gen_batches). */
  fit(X: MatrixLike): this {
    const x = dataMatrix('IncrementalPca.fit', X, 'X', 2);
    this.reset();
    const n = x.rows;
    const size = this.batchSize ?? 5 * x.cols;
    const k = this.nComponents;
    const bounds: [number, number][] = [];
    let start = 0;
    for (let b = 0; b < Math.floor(n / size); b++) {
      if (start + size + k > n) continue; // the remainder would be too short: it goes with this batch
      bounds.push([start, start + size]);
      start += size;
    }
    if (start < n) bounds.push([start, n]);
    for (const [from, to] of bounds) this.partialFit(new Matrix(to - from, x.cols, x.data.subarray(from * x.cols, to * x.cols)));
    return this;
  }

  /** Updates the model with one batch (b x D; b >= k, and b >= 2 for the first batch). */
  partialFit(batch: MatrixLike): this {
    const op = 'IncrementalPca.partialFit';
    const first = this.seen === 0;
    const x = first ? dataMatrix(op, batch, 'batch', 2) : dataWithFeatures(op, batch, this.mean.length, 'batch');
    const { rows: b, cols: D } = x;
    const k = this.nComponents;
    if (k > D) throw new ShapeError(`${op}: components = ${k} exceeds the ${D} features of the batch (${shapeOf(x)})`);
    if (k > b) throw new ShapeError(`${op}: components = ${k} exceeds the ${b} samples of this batch (${shapeOf(x)}); every batch needs at least k rows`);

    const batchMean = columnMeans(x);
    const xc = centred(x, batchMean);
    const total = this.seen + b;
    let stack: Matrix;
    if (first) {
      stack = xc;
    } else {
      const prev = this.fitted;
      const rows = prev.nComponents + b + 1;
      const data = new Float64Array(rows * D);
      for (let i = 0; i < prev.nComponents; i++) {
        const s = prev.singularValues[i];
        for (let j = 0; j < D; j++) data[i * D + j] = s * prev.components.data[i * D + j];
      }
      data.set(xc.data, prev.nComponents * D);
      const c = Math.sqrt((this.seen / total) * b);
      const last = (rows - 1) * D;
      for (let j = 0; j < D; j++) data[last + j] = c * (this.mean[j] - batchMean[j]);
      stack = new Matrix(rows, D, data);
    }
    this.updateMoments(xc, batchMean, b);
    this.seen = total;

    const { S, Vt } = svd(stack);
    const all = S.map((s) => (s * s) / (total - 1));
    let totalVariance = 0;
    for (const v of this.m2) totalVariance += v / (total - 1);
    const variances = all.slice(0, k);
    let rest = 0;
    for (let i = k; i < all.length; i++) rest += all[i];
    // scikit-learn: the mean of the stack's remaining variances, 0 when k equals the batch's samples or the features
    const noiseVariance = k !== b && k !== D && all.length > k ? rest / (all.length - k) : 0;
    this.model = new PcaModel({
      mean: this.mean.slice(),
      components: positiveRows(new Matrix(k, D, Vt.data.slice(0, k * D))),
      explainedVariance: variances,
      explainedVarianceRatio: variances.map((v) => (totalVariance > 0 ? v / totalVariance : 0)),
      singularValues: S.slice(0, k),
      noiseVariance,
      nSamples: total,
      method: 'incremental',
      whiten: this.whiten,
    });
    return this;
  }

  /** Mean and squared deviations of everything seen, merged with the batch's (Chan et al.). */
  private updateMoments(xc: Matrix, batchMean: Float64Array, b: number): void {
    const D = xc.cols;
    const batchM2 = new Float64Array(D);
    for (let i = 0; i < b; i++) for (let j = 0; j < D; j++) batchM2[j] += xc.data[i * D + j] ** 2;
    if (this.seen === 0) {
      this.mean = batchMean.slice();
      this.m2 = batchM2;
      return;
    }
    const n = this.seen;
    const total = n + b;
    for (let j = 0; j < D; j++) {
      const delta = batchMean[j] - this.mean[j];
      this.m2[j] += batchM2[j] + ((delta * delta * n) / total) * b;
      this.mean[j] += (delta * b) / total;
    }
  }
}
