// reproduce('pca-1-mean-covariance'): the course's toy means and covariances, the affine rules
// checked on seeded data, loops against the engine, and the mean of the 10,000 MNIST digits.

import { Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { loadMnist } from '../../data/mnist.js';
import { matmul } from '../../linalg/products.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { digitRaster, imageGridSpec, lineChart, timeMs } from './figures.js';
import { affineCovariance, affineMean, cov, covLoop, mean, meanLoop } from './statistics.js';

export const NAME = 'pca-1-mean-covariance';
export const TITLE = 'PCA-1 Mean, covariance and affine maps';

export const TOY = {
  mean1: [[0, 1, 1], [1, 2, 1]],
  mean2: [[0, 1, 0], [2, 3, 1]],
  cov1: [[0, 1], [1, 2], [0, 1], [1, 2]],
  cov2: [[0, 1], [2, 3]],
  covIdentical: [[1, 2, 3], [1, 2, 3], [1, 2, 3]],
};
/** The course's affine example. */
export const COURSE_AFFINE = { A: [[0, 1], [2, 3]], b: [1, 1], m: [2, 2], S: [[2, 0], [0, 2]] };

/** Rows A xₙ + b of X. */
export function affineRows(X: Matrix, A: Matrix, b: Float64Array): Matrix {
  const Y = matmul(X, A, { transB: true });
  for (let i = 0; i < Y.rows; i++) for (let j = 0; j < Y.cols; j++) Y.data[i * Y.cols + j] += b[j];
  return Y;
}

/** max |a - b| / max |b|. */
export function relativeDeviation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return s === 0 ? d : d / s;
}

/** The affine rules on X (100 x 4) -> X₁ -> X₂ with seeded A, b: worst relative deviation of mean and covariance. */
export function affineCheck(seed: number): { mean: number; covariance: number } {
  const rng = new Random(seed);
  const X = new Matrix(100, 4, rng.fill(400, 'normal'));
  let meanDev = 0;
  let covDev = 0;
  let current = X;
  for (let step = 0; step < 2; step++) {
    const A = new Matrix(4, 4, rng.fill(16, 'normal'));
    const b = rng.fill(4, 'normal');
    const next = affineRows(current, A, b);
    meanDev = Math.max(meanDev, relativeDeviation(mean(next), affineMean(mean(current), A, b)));
    covDev = Math.max(covDev, relativeDeviation(cov(next).data, affineCovariance(cov(current), A, b).data));
    current = next;
  }
  return { mean: meanDev, covariance: covDev };
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  r.vector('meanToy1', mean(TOY.mean1));
  r.vector('meanToy2', mean(TOY.mean2));
  r.matrix('covToy1', cov(TOY.cov1));
  r.matrix('covToy2', cov(TOY.cov2));
  r.matrix('covIdenticalRows', cov(TOY.covIdentical));
  const { A, b, m, S } = COURSE_AFFINE;
  r.vector('affineMeanExample', affineMean(m, A, b));
  r.matrix('affineCovarianceExample', affineCovariance(S, A, b));
  const dev = affineCheck(42);
  r.number('affineMeanMaxDeviation', dev.mean);
  r.number('affineCovarianceMaxDeviation', dev.covariance);

  // Loops against the engine on N x 20 (quick: a coarser grid, fewer repeats).
  const step = options.quick ? 1000 : 100;
  const repeats = options.quick ? 3 : 10;
  const rng = new Random(42);
  const sizes: number[] = [];
  const loopMs: number[] = [];
  const engineMs: number[] = [];
  for (let n = 100; n < 5000; n += step) {
    const X = new Matrix(n, 20, rng.fill(n * 20, 'normal'));
    sizes.push(n);
    loopMs.push(timeMs(() => covLoop(X), repeats) + timeMs(() => meanLoop(X), repeats));
    engineMs.push(timeMs(() => cov(X), repeats) + timeMs(() => mean(X), repeats));
  }
  r.vector('timingN', sizes);
  r.vector('timingLoopMs', loopMs);
  r.vector('timingEngineMs', engineMs);
  r.number('timingSpeedupLargestN', loopMs[loopMs.length - 1] / engineMs[engineMs.length - 1]);

  const mnist = loadMnist();
  const meanDigit = mean(mnist.images);
  r.number('mnistSamples', mnist.images.rows);
  r.number('meanDigitMaxPixel', Math.max(...meanDigit));
  const raster = digitRaster(meanDigit, 8);
  await r.figure('mean-digit', imageGridSpec([{ col: 'mean of all digits', row: 'MNIST', raster }], {
    title: 'Mean of the 10,000 MNIST digits',
    xTitle: 'image',
    yTitle: 'data set',
    size: 224,
    subtitle: 'greyscale: 0 = black, 1 = white',
  }));
  await r.png('mean-digit', raster);
  await r.figure('timing', lineChart({
    title: `Mean and covariance of N x 20 data: loops against the engine (${repeats} repeats)`,
    xTitle: 'N (samples)',
    yTitle: 'milliseconds (mean + covariance)',
    yScale: 'log',
    series: [
      { name: 'loops (TypeScript)', x: sizes, y: loopMs },
      { name: 'engine (gemv + syrk)', x: sizes, y: engineMs },
    ],
  }));
  return r.report();
}
