// reproduce('pca-4-pca-mnist'): PCA of the course's 1000 zero digits assembled from centring,
// covariance, sorted eigenpairs and projection: reconstruction error against k (one
// decomposition for the whole sweep), PCA against PCAHighDim, eigen-digits, reconstructions, and
// all 10,000 digits on their first two principal components.

import { Matrix } from '../../core/matrix.js';
import { loadMnist } from '../../data/mnist.js';
import { matmul } from '../../linalg/products.js';
import { tileGrid } from '../../plot/raster.js';
import type { ChartSpec } from '../../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { absMax, digitRaster, imageGridSpec, lineChart, signedDigitRaster, type Tile, headlineFirst } from './figures.js';
import { PCA, PCAHighDim, principalModel, principalModelHighDim, reconstruct, reconstructionMse, type PrincipalModel } from './principal-components.js';

export const NAME = 'pca-4-pca-mnist';
export const TITLE = 'PCA-4 PCA on MNIST';

/** The course's data: the first 1000 samples of digit 0 (1000 x 784, [0, 1]). */
export function zeroDigits(n = 1000): Matrix {
  const { images } = loadMnist();
  return new Matrix(n, images.cols, images.data.slice(0, n * images.cols));
}

/** Σ of the eigenvalues from index k on: the MSE of the k-component reconstruction. */
export function discardedEigenvalues(values: Float64Array, k: number): number {
  let s = 0;
  for (let i = values.length - 1; i >= k; i--) s += values[i];
  return s;
}

/** max |A - B| */
function maxAbsDiff(A: Matrix, B: Matrix): number {
  let d = 0;
  for (let t = 0; t < A.data.length; t++) d = Math.max(d, Math.abs(A.data[t] - B.data[t]));
  return d;
}

/** Each column of a D x k matrix as an array. */
function columns(M: Matrix): Float64Array[] {
  return Array.from({ length: M.cols }, (_, j) => M.col(j));
}

function digitsScatter(scores: Matrix, labels: Int32Array, explained: [number, number]): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${labels.length === 10000 ? 'All 10,000' : labels.length} MNIST digits on their first two principal components`,
    width: 520,
    height: 440,
    config: { aria: false, legend: { orient: 'right' } },
    data: { values: Array.from(labels, (d, i) => ({ pc1: +scores.get(i, 0).toFixed(3), pc2: +scores.get(i, 1).toFixed(3), digit: String(d) })) },
    mark: { type: 'circle', size: 8, opacity: 0.6 },
    encoding: {
      x: { field: 'pc1', type: 'quantitative', title: `principal component 1 (${(100 * explained[0]).toFixed(1)}% of the variance)` },
      y: { field: 'pc2', type: 'quantitative', title: `principal component 2 (${(100 * explained[1]).toFixed(1)}% of the variance)` },
      color: { field: 'digit', type: 'nominal', title: 'digit', scale: { scheme: 'tableau10' }, sort: Array.from({ length: 10 }, (_, d) => String(d)) },
    },
  };
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  const X = zeroDigits();
  const model: PrincipalModel = principalModel(X, 'PCA');
  r.number('samples', X.rows);
  r.number('pixels', X.cols);
  // The first load of this process (reading and parsing the mnist package's JSON); no timing in quick.
  if (!options.quick) r.number('mnistLoadMs', loadMnist().loadMs);

  // MSE against k, from one decomposition.
  const ks = options.quick ? [1, 21, 41, 61, 81] : Array.from({ length: 20 }, (_, i) => 1 + 5 * i);
  const mse: number[] = [];
  const discarded: number[] = [];
  for (const k of ks) {
    mse.push(reconstructionMse(X, reconstruct(model, k).reconst));
    discarded.push(discardedEigenvalues(model.values, k));
  }
  r.vector('mseK', ks);
  r.vector('mse', mse);
  r.vector('mseDiscardedEigenvalues', discarded);
  r.number('maxMseEigenvalueDeviation', Math.max(...mse.map((m, i) => Math.abs(m - discarded[i]))));
  let smallest = 0;
  while (discardedEigenvalues(model.values, smallest) >= 10) smallest++;
  r.number('smallestKMseBelow10', smallest);
  r.number('mseAtSmallestK', reconstructionMse(X, reconstruct(model, smallest).reconst));
  r.number('mseAtSmallestKMinus1', reconstructionMse(X, reconstruct(model, smallest - 1).reconst));
  r.vector('leadingEigenvalues', model.values.slice(0, 10));

  // PCA against PCAHighDim.
  const high = principalModelHighDim(X, 'PCAHighDim');
  for (const k of [2, 10]) r.number(`maxReconstDiffK${k}`, maxAbsDiff(reconstruct(model, k).reconst, reconstruct(high, k, 'PCAHighDim').reconst));
  // quick: two small sizes only (the N = 1000 pair costs about 1.5 s).
  const sizes = options.quick ? [100, 300] : Array.from({ length: 10 }, (_, i) => 100 * (i + 1));
  const pcaMs: number[] = [];
  const highMs: number[] = [];
  for (const n of sizes) {
    const Xn = zeroDigits(n);
    let t0 = performance.now();
    PCA(Xn, 10);
    pcaMs.push(performance.now() - t0);
    t0 = performance.now();
    PCAHighDim(Xn, 10);
    highMs.push(performance.now() - t0);
  }
  r.vector('timingN', sizes);
  r.vector('timingPcaMs', pcaMs);
  r.vector('timingPcaHighDimMs', highMs);

  // All 10,000 digits on the first two principal components of the whole set (quick: every
  // fifth digit, 2000 of them: the 10,000 x 784 covariance and a 10,000-point SVG take seconds).
  const mnist = loadMnist();
  const stride = options.quick ? 5 : 1;
  const picked = Array.from({ length: Math.ceil(mnist.images.rows / stride) }, (_, i) => i * stride);
  const images = stride === 1 ? mnist.images : new Matrix(picked.length, mnist.images.cols).map((_, i, j) => mnist.images.get(picked[i], j));
  const labels = Int32Array.from(picked, (i) => mnist.labels[i]);
  r.number('projectedDigits', picked.length);
  const full = principalModel(images, 'PCA');
  const top2 = new Matrix(images.cols, 2).map((_, i, j) => full.directions.get(i, j));
  const scores = matmul(full.Xbar, top2);
  const total = full.values.reduce((s, v) => s + v, 0);
  const explained: [number, number] = [full.values[0] / total, full.values[1] / total];
  r.vector('allDigitsExplainedVarianceRatio2', explained);

  // Figures.
  const allK = Array.from({ length: ks[ks.length - 1] }, (_, i) => i + 1);
  await r.figure('mse', lineChart({
    title: 'PCA of 1000 zero digits: reconstruction error against the number of components',
    xTitle: 'k (principal components kept)',
    yTitle: 'MSE (summed squared pixel error per image)',
    series: [
      { name: 'sum of the discarded eigenvalues', x: allK, y: allK.map((k) => discardedEigenvalues(model.values, k)), mark: 'line' },
      { name: 'MSE of the reconstruction', x: ks, y: mse, mark: 'point' },
    ],
    rule: { y: 10, label: `MSE = 10 (reached at k = ${smallest})` },
  }));

  const eigenDigits = columns(new Matrix(X.cols, 16).map((_, i, j) => model.directions.get(i, j)));
  const limit = absMax(eigenDigits);
  const eigenTiles: Tile[] = eigenDigits.map((v, i) => ({ col: `+${i % 4}`, row: `PC ${4 * Math.floor(i / 4) + 1}`, raster: signedDigitRaster(v, limit) }));
  await r.figure('eigen-digits', imageGridSpec(eigenTiles, {
    title: 'The 16 leading principal components (eigen-digits) of the zero digits',
    subtitle: `diverging scale: blue −${limit.toFixed(3)}, white 0, orange +${limit.toFixed(3)}`,
    xTitle: 'component (PC n + column)',
    yTitle: '',
  }));
  await r.png('eigen-digits', tileGrid(eigenTiles.map((t) => t.raster), 4, 4, 255));

  const k10 = reconstruct(model, 10).reconst;
  const recTiles: Tile[] = [];
  for (const [row, M] of [['original', X], ['k = 10', k10]] as [string, Matrix][]) {
    for (let i = 0; i < 10; i++) recTiles.push({ col: String(i), row, raster: digitRaster(M.row(i)) });
  }
  await r.figure('reconstructions', imageGridSpec(recTiles, {
    title: 'The first 10 zero digits above their reconstructions from 10 components',
    subtitle: 'greyscale clipped to [0, 1]: 0 = black',
    xTitle: 'image',
    yTitle: '',
    size: 56,
  }));
  await r.png('reconstructions', tileGrid(recTiles.map((t) => t.raster), 10));

  const byK = [1, 2, 5, 10, 20, 50, 100];
  const byKTiles: Tile[] = [];
  for (let i = 0; i < 8; i++) byKTiles.push({ col: String(i), row: 'original', raster: digitRaster(X.row(i)) });
  for (const k of byK) {
    const R = reconstruct(model, k).reconst;
    for (let i = 0; i < 8; i++) byKTiles.push({ col: String(i), row: `k = ${k}`, raster: digitRaster(R.row(i)) });
  }
  await r.figure('reconstructions-by-k', imageGridSpec(byKTiles, {
    title: 'Zero digits reconstructed from k principal components',
    subtitle: `MSE: ${byK.map((k) => `k=${k} ${discardedEigenvalues(model.values, k).toFixed(1)}`).join(', ')}`,
    xTitle: 'image',
    yTitle: '',
    size: 56,
  }));
  await r.png('reconstructions-by-k', tileGrid(byKTiles.map((t) => t.raster), 8));

  await r.figure('digits-2d', digitsScatter(scores, labels, explained));
  await r.figure('timing', lineChart({
    title: 'PCA (D x D eigenproblem) against PCAHighDim (N x N), k = 10, D = 784',
    xTitle: 'N (samples)',
    yTitle: 'milliseconds',
    series: [
      { name: 'PCA: eig of X̄ᵀX̄/N', x: sizes, y: pcaMs },
      { name: 'PCAHighDim: eig of X̄X̄ᵀ/N', x: sizes, y: highMs },
    ],
  }));
  return headlineFirst(r.report(), ['smallestKMseBelow10', 'maxMseEigenvalueDeviation', 'maxReconstDiffK10']);
}
