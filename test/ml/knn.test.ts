import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Matrix, NonFiniteError, ShapeError } from '../../src/index.js';
import { knn, loadMnist, pairwiseDistances } from '../../src/ml/index.js';
import { nearest } from '../../src/ml/knn.js';
import { errorOf, maxRelDiff } from '../helpers.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/sklearn-pca.json', import.meta.url), 'utf8')).knn as {
  train: number[];
  test: number[];
  predictions: Record<string, number[]>;
  distances: { testRows: number[]; trainRows: number[]; values: number[][] };
};

const { images, labels } = loadMnist();
function pick(idx: number[]): Matrix {
  const out = new Float64Array(idx.length * 784);
  idx.forEach((r, i) => out.set(images.data.subarray(r * 784, (r + 1) * 784), i * 784));
  return new Matrix(idx.length, 784, out);
}

/** Plain double loop: the reference distances. */
function directDistances(X: Matrix, Y: Matrix): Matrix {
  return new Matrix(X.rows, Y.rows).map((_, i, j) => {
    let s = 0;
    for (let t = 0; t < X.cols; t++) s += (X.get(i, t) - Y.get(j, t)) ** 2;
    return Math.sqrt(s);
  });
}

describe('knn on MNIST against scikit-learn KNeighborsClassifier(algorithm="brute")', () => {
  const trainX = pick(fixture.train);
  const trainY = Int32Array.from(fixture.train, (r) => labels[r]);
  const testX = pick(fixture.test);
  for (const k of [1, 3, 5, 10]) {
    it(`k = ${k}: the same ${fixture.test.length} predictions`, () => {
      const predicted = knn(trainX, trainY, testX, k);
      expect(predicted).toBeInstanceOf(Int32Array);
      expect(Array.from(predicted)).toEqual(fixture.predictions[String(k)]);
      // and it is a classifier worth the name on real digits
      let right = 0;
      fixture.test.forEach((r, i) => (right += predicted[i] === labels[r] ? 1 : 0));
      expect(right / fixture.test.length).toBeGreaterThan(0.85);
    });
  }

  it('pairwiseDistances equals euclidean_distances and a direct loop', () => {
    const { testRows, trainRows, values } = fixture.distances;
    const D = pairwiseDistances(pick(testRows), pick(trainRows));
    expect(maxRelDiff(D, Matrix.from(values))).toBeLessThan(1e-12);
    expect(maxRelDiff(D, directDistances(pick(testRows), pick(trainRows)))).toBeLessThan(1e-12);
  });
});

describe('pairwiseDistances', () => {
  it('without Y: exactly symmetric, exact zero diagonal, non-negative, = the direct loop', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 1e6 }), (m, d, seed) => {
        const X = Matrix.random(m, d, { seed, distribution: 'normal' }).add(5); // offset: cancellation in ||x||² + ||y||² - 2 x·y
        const D = pairwiseDistances(X);
        for (let i = 0; i < m; i++) {
          expect(D.get(i, i)).toBe(0);
          for (let j = 0; j < m; j++) {
            expect(D.get(i, j)).toBe(D.get(j, i));
            expect(D.get(i, j)).toBeGreaterThanOrEqual(0);
          }
        }
        const ref = directDistances(X, X);
        const scale = Math.sqrt(d) * 10;
        for (let t = 0; t < D.data.length; t++) expect(Math.abs(D.data[t] - ref.data[t])).toBeLessThan(1e-6 * scale);
        const S = pairwiseDistances(X, X, { squared: true });
        for (let t = 0; t < S.data.length; t++) expect(Math.abs(S.data[t] - ref.data[t] ** 2)).toBeLessThan(1e-11 * scale * scale);
      }),
      { numRuns: 50 },
    );
  });

  it('identical rows are at distance exactly 0 in the symmetric case; bad input is typed', () => {
    const X = Matrix.from([[0.1, 0.7, 0.3], [0.1, 0.7, 0.3], [1, 2, 3]]);
    expect(pairwiseDistances(X).get(0, 1)).toBe(0);
    expect(errorOf(() => pairwiseDistances(X, Matrix.ones(2, 4)))).toBeInstanceOf(ShapeError);
    const bad = X.clone();
    bad.set(2, 0, Infinity);
    expect(errorOf(() => pairwiseDistances(bad))).toBeInstanceOf(NonFiniteError);
  });
});

describe('knn: ties and bad input', () => {
  it('equal distances: the lower training index is nearer', () => {
    // the test point is equally far from rows 1 and 3 (labels 7 and 2), nearer than rows 0 and 2
    const trainX = Matrix.from([[10, 0], [1, 0], [0, 10], [-1, 0]]);
    expect(Array.from(knn(trainX, [5, 7, 5, 2], Matrix.from([[0, 0]]), 1))).toEqual([7]);
    expect(Array.from(knn(Matrix.from([[10, 0], [-1, 0], [0, 10], [1, 0]]), [5, 2, 5, 7], Matrix.from([[0, 0]]), 1))).toEqual([2]);
  });

  it('equal votes: the lower class wins', () => {
    const trainX = Matrix.from([[1], [2], [3], [4]]);
    expect(Array.from(knn(trainX, [4, 1, 9, 9], Matrix.from([[1.4]]), 2))).toEqual([1]);
    expect(Array.from(knn(trainX, [9, 9, 1, 4], Matrix.from([[1.4]]), 4))).toEqual([9]);
    expect(Array.from(knn(trainX, [3, 1, 3, 1], Matrix.from([[2.5]]), 4))).toEqual([1]);
    // large label values are fine (votes are counted over the distinct labels)
    expect(Array.from(knn(trainX, [2 ** 31 - 1, 7, 2 ** 31 - 1, 7], Matrix.from([[2.5]]), 4))).toEqual([7]);
    expect(Array.from(knn(trainX, [2 ** 31 - 1, 2 ** 31 - 1, 7, 7], Matrix.from([[1.2]]), 3))).toEqual([2 ** 31 - 1]);
  });

  it('nearest keeps the k smallest in order, ties by index (against a stable sort)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 40 }), (vals, kk) => {
        const k = Math.min(kk, vals.length);
        const d = Float64Array.from(vals);
        const bestD = new Float64Array(k);
        const bestI = new Int32Array(k);
        nearest(d, 0, d.length, k, bestD, bestI);
        const order = vals.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, k);
        expect(Array.from(bestI)).toEqual(order.map((o) => o[1]));
      }),
    );
  });

  it('typed errors: label count, k out of range, NaN, feature mismatch, bad labels', () => {
    const X = Matrix.random(6, 3, { seed: 1 });
    const y = [0, 1, 0, 1, 2, 2];
    const T = Matrix.random(2, 3, { seed: 2 });
    const count = errorOf(() => knn(X, [0, 1, 0], T, 1));
    expect(count).toBeInstanceOf(ShapeError);
    expect(count.message).toContain('3 labels');
    expect(errorOf(() => knn(X, y, T, 0))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => knn(X, y, T, 7))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => knn(X, y, T, 2.5))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => knn(X, y, Matrix.random(2, 4, { seed: 2 }), 1))).toBeInstanceOf(ShapeError);
    const nan = T.clone();
    nan.set(1, 1, NaN);
    expect(errorOf(() => knn(X, y, nan, 1))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => knn(X, [0, 1, 0, 1, NaN, 2], T, 1))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => knn(X, [0, 1, 0, 1, -1, 2], T, 1))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => knn(X, [0, 1, 0, 1, 0.5, 2], T, 1))).toBeInstanceOf(ShapeError);
  });

  it('more test rows than one block: same answers as row by row', () => {
    const trainX = pick(fixture.train.slice(0, 300));
    const trainY = Int32Array.from(fixture.train.slice(0, 300), (r) => labels[r]);
    const testX = pick(fixture.test.concat(fixture.test).slice(0, 600));
    const all = knn(trainX, trainY, testX, 3);
    for (const i of [0, 255, 256, 511, 599]) expect(knn(trainX, trainY, new Matrix(1, 784, testX.row(i)), 3)[0]).toBe(all[i]);
  });
});
