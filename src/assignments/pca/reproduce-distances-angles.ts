// reproduce('pca-2-distances-angles'): the toy distances and angles, the course's nearest image
// on MNIST (pixels x 255 as the course's 0-255 data), the distances among 500 digits, the class
// means, and 3-nearest-neighbour classification of iris (first two features).

import { Matrix } from '../../core/matrix.js';
import { palette } from '../../data/course.js';
import { loadIris } from '../../data/iris.js';
import { loadMnist } from '../../data/mnist.js';
import type { ChartSpec } from '../../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { angle, distance, knn, pairwiseDistanceMatrix, squaredDistances } from './distances.js';
import { digitRaster, IMAGE_CONFIG, imageGridSpec, imageGridView, headlineFirst } from './figures.js';
import { meanOf } from './statistics.js';

export const NAME = 'pca-2-distances-angles';
export const TITLE = 'PCA-2 Distances and angles between images; k-nearest neighbours';

/** The course's example of pairwiseDistanceMatrix. */
export const COURSE_PAIRWISE = { X: [[2, 1], [2, 2]], Y: [[0, 1], [3, 1]] };

/** Rows [from, to) of a matrix, times `scale`. */
function rowBlock(M: Matrix, from: number, to: number, scale = 1): Matrix {
  return new Matrix(to - from, M.cols, M.data.slice(from * M.cols, to * M.cols).map((v) => v * scale));
}

/** Index (offset by `from`) and distance of the smallest entry of `d`, skipping `skip`. */
function argmin(d: Float64Array, from: number, skip = -1): { index: number; distance: number } {
  let best = -1;
  for (let i = 0; i < d.length; i++) if (i + from !== skip && (best < 0 || d[i] < d[best])) best = i;
  return { index: best + from, distance: d[best] };
}

/** Leave-one-out accuracy of k-NN: each sample classified by all the others. */
export function leaveOneOutAccuracy(k: number, X: Matrix, y: Int32Array): number {
  let correct = 0;
  for (let i = 0; i < X.rows; i++) {
    const keep = Array.from({ length: X.rows }, (_, t) => t).filter((t) => t !== i);
    const train = new Matrix(keep.length, X.cols).map((_, r, c) => X.get(keep[r], c));
    if (knn(k, train, keep.map((t) => y[t]), X.row(i)) === y[i]) correct++;
  }
  return correct / X.rows;
}

/** Grid points min - 1 ... max + 1 in steps of 0.1 (computed from the index, no drift). */
function gridAxis(values: Float64Array): number[] {
  const [min, max] = range(values);
  const lo = min - 1;
  const hi = max + 1;
  const n = Math.floor((hi - lo) / 0.1 + 1e-9);
  return Array.from({ length: n }, (_, i) => Math.round((lo + i * 0.1) * 1e10) / 1e10);
}

/** Smallest and largest entry (no spread: arrays this long overflow the argument stack). */
function range(values: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

function histogram(values: Float64Array, bins: number): { start: number; end: number; count: number }[] {
  const [lo, hi] = range(values);
  const width = (hi - lo) / bins;
  const counts = new Array(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  return counts.map((count, b) => ({ start: lo + b * width, end: lo + (b + 1) * width, count }));
}

function heatmap(M: Matrix, title: string, unit: string, format: string): ChartSpec {
  const values = M.toArray().flatMap((row, i) => row.map((v, j) => ({ a: String(i), b: String(j), v })));
  return {
    title,
    width: 260,
    height: 260,
    data: { values },
    encoding: {
      x: { field: 'b', type: 'ordinal', title: 'digit' },
      y: { field: 'a', type: 'ordinal', title: 'digit' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'v', type: 'quantitative', title: unit, scale: { range: [palette.white, palette.blue1] } } } },
      { mark: { type: 'text', fontSize: 8 }, encoding: { text: { field: 'v', type: 'quantitative', format } } },
    ],
  };
}

const CLASS_COLORS = [palette.blue1, palette.orange, palette.magenta];

function irisFigure(grid: { x: number; y: number; c: number }[], X: Matrix, y: Int32Array, names: string[], featureNames: string[]): ChartSpec {
  const classScale = { domain: names, range: CLASS_COLORS };
  const points = Array.from(y, (c, i) => ({ x: X.get(i, 0), y: X.get(i, 1), species: names[c] }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Iris: 3-nearest-neighbour decision regions (grid step 0.1)',
    width: 480,
    height: 400,
    config: { aria: false, legend: { orient: 'bottom', titleLimit: 0, labelLimit: 0 } },
    layer: [
      {
        data: { values: grid.map((g) => ({ x: g.x, x2: g.x + 0.1, y: g.y, y2: g.y + 0.1, species: names[g.c] })) },
        mark: { type: 'rect', opacity: 0.3 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: featureNames[0], scale: { zero: false, nice: false } },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', title: featureNames[1], scale: { zero: false, nice: false } },
          y2: { field: 'y2' },
          color: { field: 'species', type: 'nominal', scale: classScale, legend: null },
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 30, stroke: palette.bearBlack, strokeWidth: 0.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          color: { field: 'species', type: 'nominal', scale: classScale, title: 'species (region: predicted, point: true)' },
          shape: { field: 'species', type: 'nominal', title: 'species (region: predicted, point: true)' },
        },
      },
    ],
  };
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  r.number('distanceExample1', distance([1, 0], [0, 1]));
  r.number('distanceExample2', distance([1, 0], [1, Math.sqrt(3)]));
  r.number('angleExample1', angle([1, 0], [0, 1]));
  r.number('angleExample1Degrees', (angle([1, 0], [0, 1]) / (2 * Math.PI)) * 360);
  r.number('angleExample2', angle([1, 0], [1, Math.sqrt(3)]));
  r.matrix('pairwiseExample', pairwiseDistanceMatrix(COURSE_PAIRWISE.X, COURSE_PAIRWISE.Y));

  // MNIST on the course's 0-255 scale.
  const { images, labels } = loadMnist();
  const first = rowBlock(images, 0, 1, 255);
  const scan = argmin(pairwiseDistanceMatrix(first, rowBlock(images, 1, 500, 255)).data, 1);
  const all = argmin(squaredDistances(first, images.scale(255)).map(Math.sqrt).data, 0, 0);
  r.number('image0Label', labels[0]);
  r.number('mostSimilarScanIndex', scan.index);
  r.number('mostSimilarScanLabel', labels[scan.index]);
  r.number('mostSimilarScanDistance', scan.distance);
  r.number('mostSimilarIndex', all.index);
  r.number('mostSimilarLabel', labels[all.index]);
  r.number('mostSimilarDistance', all.distance);

  const X500 = rowBlock(images, 0, 500, 255);
  const D500 = pairwiseDistanceMatrix(X500, X500);
  const upper = new Float64Array((500 * 499) / 2);
  let t = 0;
  for (let i = 0; i < 500; i++) for (let j = i + 1; j < 500; j++) upper[t++] = D500.data[i * 500 + j];
  let sum = 0;
  for (const v of upper) sum += v;
  r.number('distanceCount', upper.length);
  const [dmin, dmax] = range(upper);
  r.number('distanceMin', dmin);
  r.number('distanceMean', sum / upper.length);
  r.number('distanceMax', dmax);

  // Class means (0-255) and their distances and angles.
  const means: Float64Array[] = [];
  for (let d = 0, start = 0; d < 10; d++) {
    const end = start + loadMnist().counts[d];
    means.push(meanOf(rowBlock(images, start, end, 255)));
    start = end;
  }
  const M = new Matrix(10, 784, Float64Array.from(means.flatMap((m) => Array.from(m))));
  const meanDistances = pairwiseDistanceMatrix(M, M);
  const meanAngles = new Matrix(10, 10).map((_, i, j) => angle(means[i], means[j]));
  r.matrix('classMeanDistances', meanDistances);
  r.matrix('classMeanAngles', meanAngles);

  // Iris, first two features.
  const iris = loadIris();
  const X = new Matrix(150, 2).map((_, i, j) => iris.features.get(i, j));
  r.number('irisLeaveOneOutAccuracyK3', leaveOneOutAccuracy(3, X, iris.labels));
  const gx = gridAxis(X.col(0));
  const gy = gridAxis(X.col(1));
  const G = new Matrix(gx.length * gy.length, 2).map((_, i, j) => (j === 0 ? gx[i % gx.length] : gy[Math.floor(i / gx.length)]));
  const predicted = knn(3, X, iris.labels, G);
  r.number('irisGridPoints', G.rows);

  await r.figure('most-similar', imageGridSpec(
    [
      { col: 'image 0', row: 'MNIST', raster: digitRaster(images.row(0)) },
      { col: `nearest in 1…499: #${scan.index}`, row: 'MNIST', raster: digitRaster(images.row(scan.index)) },
      { col: `nearest of all: #${all.index}`, row: 'MNIST', raster: digitRaster(images.row(all.index)) },
    ],
    {
      title: 'Image 0 and its nearest neighbours (Euclidean distance, pixels 0-255)',
      subtitle: `distances ${scan.distance.toFixed(1)} and ${all.distance.toFixed(1)}`,
      xTitle: 'image',
      yTitle: 'data set',
      size: 112,
    },
  ));
  await r.figure('distance-histogram', {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Distances between the first 500 MNIST digits (${upper.length} pairs)`,
    width: 480,
    height: 300,
    data: { values: histogram(upper, 50) },
    mark: { type: 'bar', color: palette.blue1 },
    encoding: {
      x: { field: 'start', type: 'quantitative', bin: { binned: true }, title: 'distance (pixels 0-255)' },
      x2: { field: 'end' },
      y: { field: 'count', type: 'quantitative', title: 'pairs' },
    },
  });
  await r.figure('class-means', {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Class means of the 10,000 digits, their distances and angles',
    config: IMAGE_CONFIG,
    vconcat: [
      imageGridView(means.map((m, d) => ({ col: String(d), row: 'mean', raster: digitRaster(m.map((v) => v / 255)) })), { xTitle: 'digit', yTitle: '', size: 56 }),
      {
        hconcat: [
          heatmap(meanDistances, 'distance between class means', 'distance', '.0f'),
          heatmap(meanAngles.map((v) => (v * 180) / Math.PI), 'angle between class means', 'degrees', '.0f'),
        ],
        resolve: { scale: { color: 'independent' } },
      },
    ],
  });
  await r.figure('iris-knn', irisFigure(Array.from(predicted, (c, i) => ({ x: G.get(i, 0), y: G.get(i, 1), c })), X, iris.labels, iris.classNames, iris.featureNames));
  return headlineFirst(r.report(), ['mostSimilarIndex', 'mostSimilarDistance', 'irisLeaveOneOutAccuracyK3']);
}
