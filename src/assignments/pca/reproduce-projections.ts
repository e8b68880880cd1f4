// reproduce('pca-3-projections'): projections onto a line and a plane with their invariants,
// least squares by the normal equations against lstsq, and digits reconstructed from a principal
// basis against a random one (MNIST in place of the course's Olivetti faces).

import { Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { palette } from '../../data/course.js';
import { loadMnist } from '../../data/mnist.js';
import { lstsq } from '../../linalg/least-squares.js';
import { solve } from '../../linalg/solve.js';
import { matmul, matvec } from '../../linalg/products.js';
import type { ChartSpec } from '../../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { digitRaster, imageGridSpec, lineChart, type Tile, headlineFirst } from './figures.js';
import { principalModel } from './principal-components.js';
import { project1d, projectGeneral, projectionMatrix1d, projectionMatrixGeneral } from './projections.js';
import { tileGrid } from '../../plot/raster.js';

export const NAME = 'pca-3-projections';
export const TITLE = 'PCA-3 Orthogonal projections and least squares';

/** The course's plane basis (columns). */
export const COURSE_B = [[1, 0], [1, 1], [1, 2]];

/** max |P - P²|, max |P - Pᵀ| */
export function projectionResiduals(P: Matrix): { idempotent: number; symmetric: number } {
  const P2 = matmul(P, P);
  let idempotent = 0;
  let symmetric = 0;
  for (let i = 0; i < P.rows; i++) {
    for (let j = 0; j < P.cols; j++) {
      idempotent = Math.max(idempotent, Math.abs(P.get(i, j) - P2.get(i, j)));
      symmetric = Math.max(symmetric, Math.abs(P.get(i, j) - P.get(j, i)));
    }
  }
  return { idempotent, symmetric };
}

/** |pᵀ(p - x)|: the residual is orthogonal to the projection. */
export function orthogonalityResidual(p: ArrayLike<number>, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] * (p[i] - x[i]);
  return Math.abs(s);
}

/** θ̂ of y ≈ θ x (one column, no intercept) from the normal equations XᵀX θ = Xᵀy. */
export function normalEquationsSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const X = new Matrix(x.length, 1, Float64Array.from(x));
  return solve(matmul(X, X, { transA: true }), matvec(X, Float64Array.from(y), { transA: true }))[0];
}

/** The course's least-squares data: 50 points on [0, 10], y = 2x + N(0, 1) (seeded), and the noise-free y. */
export function leastSquaresData(seed: number): { x: Float64Array; y: Float64Array; clean: Float64Array } {
  const rng = new Random(seed);
  const x = Float64Array.from({ length: 50 }, (_, i) => (10 * i) / 49);
  const clean = x.map((v) => 2 * v);
  return { x, y: clean.map((v) => v + rng.normal()), clean };
}

/** Per-pixel mean and std (divisor N; a zero std becomes 1) of the rows of X. */
export function pixelStatistics(X: Matrix): { mean: Float64Array; std: Float64Array } {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j] / rows;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) std[j] += (data[i * cols + j] - mean[j]) ** 2 / rows;
  for (let j = 0; j < cols; j++) std[j] = std[j] === 0 ? 1 : Math.sqrt(std[j]);
  return { mean, std };
}

/** The reconstruction experiment: 100 training digits per class, 10 held out, eigen vs random basis of 50. */
export function reconstructionExperiment(seed: number, components = 50): {
  originals: Matrix;
  eigen: Matrix;
  random: Matrix;
  mseEigen: number;
  mseRandom: number;
} {
  const { images, counts } = loadMnist();
  const D = images.cols;
  const starts = Array.from(counts, (_, d) => counts.slice(0, d).reduce((a, b) => a + b, 0));
  const train = new Matrix(1000, D);
  const test = new Matrix(10, D);
  starts.forEach((s, d) => {
    train.data.set(images.data.subarray(s * D, (s + 100) * D), d * 100 * D);
    test.data.set(images.data.subarray((s + 100) * D, (s + 101) * D), d * D);
  });
  const { mean, std } = pixelStatistics(train);
  const standardise = (M: Matrix) => M.map((v, _i, j) => (v - mean[j]) / std[j]);
  const Z = standardise(train);
  const directions = principalModel(Z, 'reconstruction').directions;
  const B = new Matrix(D, components).map((_, i, j) => directions.get(i, j));
  const rng = new Random(seed);
  const R = new Matrix(D, components, rng.fill(D * components, 'normal'));
  const Zt = standardise(test).T; // D x 10: columns are points
  const back = (P: Matrix) => P.T.map((v, _i, j) => v * std[j] + mean[j]);
  const eigen = back(projectGeneral(Zt, B));
  const random = back(projectGeneral(Zt, R));
  const mse = (A: Matrix) => A.data.reduce((s, v, t) => s + (v - test.data[t]) ** 2, 0) / test.rows;
  return { originals: test, eigen, random, mseEigen: mse(eigen), mseRandom: mse(random) };
}

function projectionFigure(b: number[], x: number[], p: Float64Array): ChartSpec {
  const pts = [
    { label: 'x', x: x[0], y: x[1] },
    { label: 'p = projection of x', x: p[0], y: p[1] },
  ];
  const colors = { domain: ['line through b', 'x', 'p = projection of x', 'x - p'], range: [palette.blue1, palette.orange, palette.magenta, palette.green] };
  const axis = (f: string) => ({ field: f, type: 'quantitative', scale: { domain: [-0.5, 3], nice: false }, title: f === 'x' ? 'x₁' : 'x₂' });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Projection of x = (1, 2) onto the line through b = (2, 1)',
    width: 360,
    height: 360,
    config: { legend: { orient: 'bottom' } },
    encoding: { x: axis('x'), y: axis('y') },
    layer: [
      {
        data: { values: [-0.25, 1.5].map((s, order) => ({ x: s * b[0], y: s * b[1], order, label: 'line through b' })) },
        mark: { type: 'line', clip: true },
        encoding: { color: { field: 'label', type: 'nominal', scale: colors, title: null }, order: { field: 'order' } },
      },
      {
        data: { values: [{ x: x[0], y: x[1], order: 0, label: 'x - p' }, { x: p[0], y: p[1], order: 1, label: 'x - p' }] },
        mark: { type: 'line', strokeDash: [5, 3] },
        encoding: { color: { field: 'label', type: 'nominal', scale: colors }, order: { field: 'order' } },
      },
      {
        data: { values: pts },
        mark: { type: 'point', filled: true, size: 90 },
        encoding: { color: { field: 'label', type: 'nominal', scale: colors } },
      },
    ],
  };
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  // Projections onto a line and a plane.
  const P1 = projectionMatrix1d([1, 2, 2]);
  r.matrix('projectionMatrix1dExample', P1);
  const p1 = project1d([1, 1, 1], [1, 2, 2]);
  r.vector('project1dExample1', p1);
  const p2 = project1d([1, 2], [2, 1]);
  r.vector('project1dExample2', p2);
  const PB = projectionMatrixGeneral(COURSE_B);
  r.matrix('projectionMatrixGeneralExample', PB);
  const pg = projectGeneral([[6], [0], [0]], COURSE_B);
  r.matrix('projectGeneralExample', pg);
  const res1 = projectionResiduals(P1);
  const resB = projectionResiduals(PB);
  r.number('idempotenceResidual1d', res1.idempotent);
  r.number('symmetryResidual1d', res1.symmetric);
  r.number('idempotenceResidualGeneral', resB.idempotent);
  r.number('symmetryResidualGeneral', resB.symmetric);
  r.number('orthogonalityResidual1d', Math.max(orthogonalityResidual(p1, [1, 1, 1]), orthogonalityResidual(p2, [1, 2])));
  r.number('orthogonalityResidualGeneral', orthogonalityResidual(pg.data, [6, 0, 0]));

  // Least squares.
  const { x, y, clean } = leastSquaresData(42);
  const theta = normalEquationsSlope(x, y);
  const thetaLstsq = lstsq(new Matrix(50, 1, x), y).x as Float64Array;
  r.number('thetaNormalEquations', theta);
  r.number('thetaLstsq', thetaLstsq[0]);
  r.number('thetaNoiseFree', normalEquationsSlope(x, clean));
  const points = Array.from({ length: 10 }, (_, i) => 5 * (i + 1));
  const errors = points.map((n) => Math.abs(normalEquationsSlope(x.subarray(0, n), y.subarray(0, n)) - 2));
  r.vector('leastSquaresPoints', points);
  r.vector('leastSquaresError', errors);

  // Reconstruction from 50 principal directions against 50 random ones.
  const rec = reconstructionExperiment(42);
  r.number('reconstructionMseEigen', rec.mseEigen);
  r.number('reconstructionMseRandom', rec.mseRandom);
  r.number('eigenBeatsRandom', rec.mseEigen < rec.mseRandom);

  await r.figure('projection-2d', projectionFigure([2, 1], [1, 2], p2));
  await r.figure('least-squares', {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Least squares y ≈ θx by the normal equations',
    config: { legend: { orient: 'bottom' } },
    hconcat: [
      {
        title: `fit: θ̂ = ${theta.toFixed(4)}`,
        width: 320,
        height: 260,
        layer: [
          {
            data: { values: Array.from(x, (v, i) => ({ x: v, y: y[i], kind: 'data y = 2x + noise' })) },
            mark: { type: 'point', filled: true },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: 'x' },
              y: { field: 'y', type: 'quantitative', title: 'y' },
              color: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['data y = 2x + noise', 'fit θ̂x'], range: [palette.blue1, palette.magenta] } },
            },
          },
          {
            data: { values: [0, 10].map((v) => ({ x: v, y: theta * v, kind: 'fit θ̂x' })) },
            mark: 'line',
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'kind', type: 'nominal' } },
          },
        ],
      },
      lineChart({ title: '|θ̂ - 2| with the first i points', xTitle: 'i (points used)', yTitle: '|θ̂ - 2|', series: [{ name: '|θ̂ - 2|', x: points, y: errors }], width: 320 }) as ChartSpec,
    ].map((v) => {
      const { $schema: _s, config: _c, ...rest } = v as Record<string, unknown>;
      return rest;
    }),
    resolve: { scale: { color: 'independent' } },
  });
  const tiles: Tile[] = [];
  const rows: [string, Matrix][] = [['original', rec.originals], ['eigen basis (50)', rec.eigen], ['random basis (50)', rec.random]];
  for (const [row, M] of rows) for (let d = 0; d < 10; d++) tiles.push({ col: String(d), row, raster: digitRaster(M.row(d)) });
  await r.figure('reconstruction', imageGridSpec(tiles, {
    title: 'Held-out digits projected on 50 principal directions and on 50 random ones',
    subtitle: `MSE (summed squared pixel error per image): eigen ${rec.mseEigen.toFixed(2)}, random ${rec.mseRandom.toFixed(2)}`,
    xTitle: 'held-out image (sample 100 of each digit)',
    yTitle: '',
    size: 56,
  }));
  await r.png('reconstruction', tileGrid(tiles.map((t) => t.raster), 10));
  return headlineFirst(r.report(), ['thetaNormalEquations', 'reconstructionMseEigen', 'reconstructionMseRandom']);
}
