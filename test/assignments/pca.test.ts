// Reference values of ../shared/ASSIGNMENTS.md, PCA-1 to PCA-4, invariants, bad input, and the
// reproduce() runs in quick mode. Tolerances per "Common rules": 8-decimal values 1e-7 absolute,
// full-precision values 1e-10 relative, exact values 1e-12.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { LinAlgError, Matrix, NonFiniteError, ShapeError, SingularMatrixError, lstsq, matmul, matvec } from '../../src/index.js';
import { pca, reproduce, assignmentNames } from '../../src/assignments/index.js';
import { covLoop, meanLoop } from '../../src/assignments/pca/statistics.js';
import { affineCheck } from '../../src/assignments/pca/reproduce-mean-covariance.js';
import { leastSquaresData, normalEquationsSlope } from '../../src/assignments/pca/reproduce-projections.js';
import { discardedEigenvalues } from '../../src/assignments/pca/reproduce-pca-mnist.js';
import { principalModel, reconstruct, reconstructionMse } from '../../src/assignments/pca/principal-components.js';
import { loadIris } from '../../src/data/iris.js';
import { pca as mlPca } from '../../src/ml/index.js';
import { loadPenguins } from '../../src/data/penguins.js';
import { crc32, encodePng } from '../../src/plot/png.js';
import { errorOf, maxAbsDiff, maxRelDiff } from '../helpers.js';

interface SeededCase {
  X: number[][];
  mean: number[];
  cov: number[][];
  eigenvalues: number[];
  reconst: Record<string, number[][]>;
}
interface Neighbour {
  index: number;
  label: number;
  distance: number;
}
const fixture: {
  wide: SeededCase;
  tall: SeededCase;
  mnist: { mseK: number[]; mse: number[]; smallestKMseBelow10: number; leadingEigenvalues: number[]; nearestScan: Neighbour; nearestAll: Neighbour };
  iris: { looAccuracyK3: number };
} = JSON.parse(readFileSync(new URL('../fixtures/numpy-pca-course.json', import.meta.url), 'utf8'));

const EXACT = 1e-12;
const EIGHT_DECIMALS = 1e-7;

function expectMatrix(actual: Matrix, expected: number[][], tol: number): void {
  expect(actual.shape).toEqual([expected.length, expected[0].length]);
  actual.toArray().forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(tol)));
}

function expectVector(actual: ArrayLike<number>, expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(Math.abs(actual[i] - v)).toBeLessThanOrEqual(tol));
}

function maxAbs(A: Matrix, B: Matrix): number {
  return A.data.reduce((m, v, t) => Math.max(m, Math.abs(v - B.data[t])), 0);
}

const normal = (r: number, c: number, seed: number) => Matrix.random(r, c, { seed, distribution: 'normal' });

describe('PCA-1 mean and covariance', () => {
  it('gives the course toy values', () => {
    expectVector(pca.mean([[0, 1, 1], [1, 2, 1]]), [0.5, 1.5, 1], EXACT);
    expectVector(pca.mean([[0, 1, 0], [2, 3, 1]]), [1, 2, 0.5], EXACT);
    expectMatrix(pca.cov([[0, 1], [1, 2], [0, 1], [1, 2]]), [[0.25, 0.25], [0.25, 0.25]], EXACT);
    expectMatrix(pca.cov([[0, 1], [2, 3]]), [[1, 1], [1, 1]], EXACT);
    expectMatrix(pca.cov([[1, 2, 3], [1, 2, 3], [1, 2, 3]]), [[0, 0, 0], [0, 0, 0], [0, 0, 0]], 0);
  });

  it('applies the affine rules to the course example and to seeded data (1e-12 relative)', () => {
    const A = [[0, 1], [2, 3]];
    expectVector(pca.affineMean([2, 2], A, [1, 1]), [3, 11], EXACT);
    expectMatrix(pca.affineCovariance([[2, 0], [0, 2]], A, [1, 1]), [[2, 6], [6, 26]], EXACT);
    for (const seed of [42, 7, 2026]) {
      const dev = affineCheck(seed);
      expect(dev.mean).toBeLessThan(1e-12);
      expect(dev.covariance).toBeLessThan(1e-12);
    }
  });

  it('the loop versions agree with the engine; cov is exactly symmetric with divisor N', () => {
    const X = normal(137, 20, 3);
    expect(maxRelDiff(meanLoop(X), pca.mean(X))).toBeLessThan(1e-12);
    const S = pca.cov(X);
    expect(maxRelDiff(covLoop(X), S)).toBeLessThan(1e-12);
    expect(S.equals(S.T)).toBe(true);
    const one = pca.cov([[4, 5, 6]]);
    expect(one.data.every((v) => v === 0)).toBe(true);
  });

  it('rejects bad input with typed errors', () => {
    expect(errorOf(() => pca.mean(new Matrix(0, 3)))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.cov([[1, NaN], [2, 3]]))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => pca.affineMean([1, 2, 3], [[0, 1], [2, 3]], [1, 1]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.affineMean([1, 2], [[0, 1], [2, 3]], [1]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.affineCovariance([[1, 0, 0], [0, 1, 0]], [[1, 0]], [1]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.affineCovariance(Matrix.eye(2), [[1, 0, 0]], [1]))).toBeInstanceOf(ShapeError);
  });
});

describe('PCA-2 distances, angles, kNN', () => {
  it('gives the course toy values', () => {
    expect(Math.abs(pca.distance([1, 0], [0, 1]) - Math.SQRT2)).toBeLessThanOrEqual(1e-10 * Math.SQRT2);
    expect(Math.abs(pca.distance([1, 0], [1, Math.sqrt(3)]) - Math.sqrt(3))).toBeLessThanOrEqual(1e-10 * Math.sqrt(3));
    expect(pca.angle([1, 0], [0, 1])).toBe(Math.PI / 2);
    expect((pca.angle([1, 0], [0, 1]) / (2 * Math.PI)) * 360).toBe(90);
    expect(Math.abs(pca.angle([1, 0], [1, Math.sqrt(3)]) - Math.PI / 3)).toBeLessThanOrEqual(1e-4 * (Math.PI / 3));
    expectMatrix(pca.pairwiseDistanceMatrix([[2, 1], [2, 2]], [[0, 1], [3, 1]]), [[2, 1], [Math.sqrt(5), Math.SQRT2]], EXACT);
  });

  it('distance and angle are symmetric; angle(x, x) is exactly 0', () => {
    const vec = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(vec, vec, (x, y) => {
        expect(pca.distance(x, y)).toBe(pca.distance(y, x));
        if (x.some((v) => v !== 0) && y.some((v) => v !== 0)) {
          expect(pca.angle(x, y)).toBe(pca.angle(y, x));
          expect(pca.angle(x, x)).toBe(0);
        }
      }),
    );
  });

  it('pairwiseDistanceMatrix: zero diagonal for X = Y, agrees with distance()', () => {
    const X = normal(40, 9, 11);
    const D = pca.pairwiseDistanceMatrix(X, X);
    for (let i = 0; i < 40; i++) expect(D.get(i, i)).toBe(0);
    expect(D.equals(D.T)).toBe(true);
    const Y = normal(7, 9, 12);
    const DXY = pca.pairwiseDistanceMatrix(X, Y);
    expect(DXY.shape).toEqual([40, 7]);
    for (let i = 0; i < 40; i++) for (let j = 0; j < 7; j++) expect(Math.abs(DXY.get(i, j) - pca.distance(X.row(i), Y.row(j)))).toBeLessThan(1e-10 * DXY.get(i, j));
  });

  it('knn: k = 1 returns a training point its own label; queries as a Matrix match single calls', () => {
    const X = normal(60, 4, 21);
    const y = Array.from({ length: 60 }, (_, i) => i % 3);
    for (let i = 0; i < 60; i++) expect(pca.knn(1, X, y, X.row(i))).toBe(y[i]);
    const Q = normal(25, 4, 22);
    const batch = pca.knn(5, X, y, Q);
    expect(batch).toBeInstanceOf(Int32Array);
    for (let q = 0; q < 25; q++) expect(batch[q]).toBe(pca.knn(5, X, y, Q.row(q)));
  });

  it('knn breaks ties by lower index, then by lower class', () => {
    // Two points at distance 1 from the query: the lower index wins with k = 1.
    expect(pca.knn(1, [[1, 0], [-1, 0]], [2, 1], [0, 0])).toBe(2);
    expect(pca.knn(1, [[-1, 0], [1, 0]], [1, 2], [0, 0])).toBe(1);
    // One vote each for classes 3 and 1: the lower class wins.
    expect(pca.knn(2, [[0, 1], [0, 2], [0, 9]], [3, 1, 0], [0, 0])).toBe(1);
  });

  it('knn equals the brute-force course rule on data full of exact ties', () => {
    const point = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 30 }), fc.array(point, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }), (train, queries, k0, classes) => {
        const k = Math.min(k0, train.length);
        const y = train.map((_, i) => (i * 7) % classes);
        const got = pca.knn(k, train.map((r) => r.map((v) => v / 10)), y, Matrix.from(queries.map((r) => r.map((v) => v / 10))));
        queries.forEach((q, t) => {
          // numpy's sqrt(sum((X - x)**2)): squares summed in order (np.sum is sequential below 8 terms).
          const d = train.map((r, i) => ({ i, d: Math.sqrt(r.reduce((s, v, c) => s + (v / 10 - q[c] / 10) ** 2, 0)) }));
          d.sort((a, b) => a.d - b.d || a.i - b.i);
          const votes = new Array(classes).fill(0);
          for (const { i } of d.slice(0, k)) votes[y[i]]++;
          expect(got[t]).toBe(votes.indexOf(Math.max(...votes)));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('rejects bad input with typed errors', () => {
    expect(errorOf(() => pca.distance([1, 2], [1, 2, 3]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.distance([1, NaN], [1, 2]))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => pca.angle([0, 0], [1, 2]))).toBeInstanceOf(LinAlgError);
    expect(errorOf(() => pca.pairwiseDistanceMatrix([[1, 2]], [[1, 2, 3]]))).toBeInstanceOf(ShapeError);
    const X = [[0, 0], [1, 1], [2, 2]];
    expect(errorOf(() => pca.knn(4, X, [0, 1, 1], [0, 0]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.knn(0, X, [0, 1, 1], [0, 0]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.knn(1, X, [0, 1], [0, 0]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.knn(1, X, [0, 1, 1], [0, 0, 0]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.knn(1, X, [0, 0.5, 1], [0, 0]))).toBeInstanceOf(TypeError);
    expect(errorOf(() => pca.knn(1.5, X, [0, 1, 1], [0, 0]))).toBeInstanceOf(TypeError);
    expect(errorOf(() => pca.knn(1, X, [0, 1, 1], [NaN, 0]))).toBeInstanceOf(NonFiniteError);
  });
});

describe('PCA-3 projections and least squares', () => {
  const B = [[1, 0], [1, 1], [1, 2]];

  it('gives the course reference values', () => {
    expectMatrix(pca.projectionMatrix1d([1, 2, 2]), [[1, 2, 2], [2, 4, 4], [2, 4, 4]].map((r) => r.map((v) => v / 9)), EXACT);
    expectVector(pca.project1d([1, 1, 1], [1, 2, 2]), [5 / 9, 10 / 9, 10 / 9], EXACT);
    expectVector(pca.project1d([1, 2], [2, 1]), [1.6, 0.8], EXACT);
    expectMatrix(pca.projectionMatrixGeneral(B), [[5, 2, -1], [2, 2, 2], [-1, 2, 5]].map((r) => r.map((v) => v / 6)), EXACT);
    const p = pca.projectGeneral([[6], [0], [0]], B);
    expect(p).toBeInstanceOf(Matrix);
    expectMatrix(p, [[5], [2], [-1]], EXACT);
    expectVector(pca.projectGeneral([6, 0, 0], B), [5, 2, -1], EXACT);
  });

  it('P = P², P = Pᵀ, pᵀ(p - x) = 0, and projectGeneral = P x, on seeded bases', () => {
    for (const [D, M, seed] of [[6, 2, 1], [20, 5, 2], [50, 12, 3]]) {
      const Bm = normal(D, M, seed);
      const P = pca.projectionMatrixGeneral(Bm);
      expect(maxAbs(P, matmul(P, P))).toBeLessThan(1e-12);
      expect(maxAbs(P, P.T)).toBeLessThan(1e-12);
      const X = normal(D, 4, seed + 100);
      const p = pca.projectGeneral(X, Bm);
      expect(maxRelDiff(p, matmul(P, X))).toBeLessThan(1e-12);
      for (let j = 0; j < 4; j++) {
        const pj = p.col(j);
        const xj = X.col(j);
        expect(Math.abs(pj.reduce((s, v, i) => s + v * (v - xj[i]), 0))).toBeLessThan(1e-11);
      }
      expect(maxAbs(pca.projectionMatrix(Bm), P)).toBe(0);
    }
    const P1 = pca.projectionMatrix1d([3, -1, 2, 5]);
    expect(maxAbs(P1, matmul(P1, P1))).toBeLessThan(1e-15);
    expect(P1.equals(P1.T)).toBe(true);
  });

  it('least squares: noise-free θ̂ = 2, normal equations = lstsq', () => {
    const { x, y, clean } = leastSquaresData(42);
    expect(Math.abs(normalEquationsSlope(x, clean) - 2)).toBeLessThan(EXACT);
    const theta = normalEquationsSlope(x, y);
    const ref = (lstsq(new Matrix(50, 1, x), y).x as Float64Array)[0];
    expect(Math.abs(theta - ref)).toBeLessThan(1e-10 * Math.abs(ref));
    expect(Math.abs(theta - 2)).toBeLessThan(0.2);
  });

  it('rejects bad input with typed errors', () => {
    expect(errorOf(() => pca.projectionMatrix1d([0, 0]))).toBeInstanceOf(SingularMatrixError);
    expect(errorOf(() => pca.project1d([1, 2, 3], [1, 2]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.projectionMatrixGeneral([[1, 2], [2, 4], [3, 6]]))).toBeInstanceOf(SingularMatrixError);
    expect(errorOf(() => pca.projectionMatrixGeneral([[1, 2, 3], [4, 5, 6]]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.projectGeneral([[1], [2]], B))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.projectGeneral([1, Infinity, 0], B))).toBeInstanceOf(NonFiniteError);
  });
});

describe('PCA-4 principal components', () => {
  const X3 = [[3, 6, 7], [8, 9, 0], [1, 5, 2]];

  it('normalize centres; normalising X̄ returns X̄', () => {
    const { Xbar, mean } = pca.normalize([[0, 0], [1, 1], [2, 2]]);
    expectVector(mean, [1, 1], EXACT);
    expectVector(Xbar.mean(0) as Float64Array, [0, 0], EXACT);
    const again = pca.normalize(Xbar);
    expect(maxAbs(again.Xbar, Xbar)).toBeLessThanOrEqual(EXACT);
  });

  it('eig: descending values, vectors as columns', () => {
    const { values, vectors } = pca.eig([[3, 2], [2, 3]]);
    expectVector(values, [5, 1], EXACT);
    const s = Math.SQRT1_2;
    expectVector(vectors.col(0).map(Math.abs), [s, s], EIGHT_DECIMALS);
    const v1 = vectors.col(1);
    expect(Math.abs(v1[0] + v1[1])).toBeLessThan(EXACT);
    expect(Math.abs(Math.abs(v1[0]) - s)).toBeLessThan(EIGHT_DECIMALS);
    expect(errorOf(() => pca.eig([[1, 2, 3], [4, 5, 6]]))).toBeInstanceOf(ShapeError);
  });

  it('projectionMatrix gives the course value', () => {
    expectMatrix(pca.projectionMatrix([[1, 0], [1, 1], [1, 2]]), [[5, 2, -1], [2, 2, 2], [-1, 2, 5]].map((r) => r.map((v) => v / 6)), EXACT);
  });

  it('PCA(3x3, 1) gives the course values (rtol 1e-5), components with the engine sign', () => {
    const r = pca.PCA(X3, 1);
    const rel = (a: ArrayLike<number>, b: number[]) => b.forEach((v, i) => expect(Math.abs(a[i] - v)).toBeLessThanOrEqual(1e-5 * Math.abs(v) + 1e-12));
    rel(r.mean, [4, 20 / 3, 3]);
    rel(r.principalValues, [15.39677773]);
    expect(r.principalComponents.shape).toEqual([3, 1]);
    rel(r.principalComponents.data, [0.68811066, 0.40362611, -0.60298398]);
    rel(r.reconst.data, [1.68166528, 5.30679755, 5.03153182, 7.7868029, 8.8878974, -0.31833472, 2.53153182, 5.80530505, 4.2868029]);
    const all = pca.eig(pca.cov(X3)).values;
    expect(Math.abs(all[1] - 4.82544449)).toBeLessThan(EIGHT_DECIMALS);
    expect(Math.abs(all[2])).toBeLessThan(EIGHT_DECIMALS);
  });

  it('any 10x2 X: the shapes of PCA(X, 1), and PCA(X, 2).reconst = X', () => {
    const X = normal(10, 2, 5);
    const r = pca.PCA(X, 1);
    expect(r.reconst.shape).toEqual([10, 2]);
    expect(r.mean.length).toBe(2);
    expect(r.principalValues.length).toBe(1);
    expect(r.principalComponents.shape).toEqual([2, 1]);
    expect(maxAbs(pca.PCA(X, 2).reconst, X)).toBeLessThan(EXACT);
    expect(maxAbs(pca.PCAHighDim(X, 2).reconst, X)).toBeLessThan(EXACT);
  });

  it('PCA = PCAHighDim (1e-8) on seeded data with N < D and N > D', () => {
    for (const [N, D, ks] of [[20, 50, [1, 5, 19, 20]], [60, 8, [1, 4, 8]]] as [number, number, number[]][]) {
      const X = normal(N, D, N + D).add(normal(1, D, 99)); // a non-zero mean
      for (const k of ks) {
        const a = pca.PCA(X, k);
        const b = pca.PCAHighDim(X, k);
        expect(maxAbs(a.reconst, b.reconst)).toBeLessThan(1e-8);
        expect(maxRelDiff(a.principalValues, b.principalValues)).toBeLessThan(1e-8);
        expect(maxRelDiff(a.mean, b.mean)).toBe(0);
        // Components of non-zero, distinct eigenvalues agree with the same sign rule.
        const kk = Math.min(k, N - 1, 5);
        const cols = (M: Matrix) => new Matrix(M.rows, kk).map((_, i, j) => M.get(i, j));
        expect(maxAbs(cols(a.principalComponents), cols(b.principalComponents))).toBeLessThan(1e-8);
      }
    }
  });

  it('MSE(k) = sum of the discarded eigenvalues, never rising with k', () => {
    const X = normal(40, 12, 8).mul(Matrix.from([Array.from({ length: 12 }, (_, j) => 12 - j)]));
    const model = principalModel(X);
    let previous = Infinity;
    for (let k = 0; k <= 12; k++) {
      const mse = reconstructionMse(X, reconstruct(model, k).reconst);
      const tail = discardedEigenvalues(model.values, k);
      expect(Math.abs(mse - tail)).toBeLessThan(1e-10 * model.values.reduce((s, v) => s + v, 0));
      expect(mse).toBeLessThanOrEqual(previous + 1e-12);
      previous = mse;
    }
  });

  it('PCAHighDim keeps a zero-norm column of U zero', () => {
    const X = [[1, 2, 3], [1, 2, 3], [1, 2, 3]];
    const r = pca.PCAHighDim(X, 2);
    expect(r.principalComponents.data.every((v) => v === 0)).toBe(true);
    expectMatrix(r.reconst, X, 0);
  });

  it('rejects bad input with typed errors', () => {
    expect(errorOf(() => pca.PCA(X3, 4))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.PCAHighDim(normal(3, 5, 1), 4))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.PCA([[1, 2, 3]], 1))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.PCA([[1, NaN], [2, 3]], 1))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => pca.PCA(X3, -1))).toBeInstanceOf(TypeError);
    expect(errorOf(() => pca.PCA(X3, 1.5))).toBeInstanceOf(TypeError);
    expect(errorOf(() => pca.eig([[1, 2, 3], [4, 5, 6]]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca.projectionMatrix([[1, 1], [1, 1]]))).toBeInstanceOf(SingularMatrixError);
  });
});

describe('numpy fixtures (test/fixtures/generate_pca_course.py)', () => {
  for (const name of ['wide', 'tall'] as const) {
    const c = fixture[name];
    it(`${name} ${c.X.length}x${c.X[0].length}: mean, cov, eigenvalues, PCA and PCAHighDim reconstructions (1e-10)`, () => {
      const X = Matrix.from(c.X);
      expect(maxRelDiff(pca.mean(X), Float64Array.from(c.mean))).toBeLessThan(1e-10);
      expect(maxRelDiff(pca.cov(X), Matrix.from(c.cov))).toBeLessThan(1e-10);
      expect(maxRelDiff(pca.eig(pca.cov(X)).values, Float64Array.from(c.eigenvalues))).toBeLessThan(1e-10);
      for (const [k, ref] of Object.entries(c.reconst)) {
        const R = Matrix.from(ref as number[][]);
        expect(maxRelDiff(pca.PCA(X, Number(k)).reconst, R)).toBeLessThan(1e-10);
        expect(maxRelDiff(pca.PCAHighDim(X, Number(k)).reconst, R)).toBeLessThan(1e-10);
      }
    });
  }

  it('iris: leave-one-out 3-NN accuracy with the course rules, exact ties included', async () => {
    const { leaveOneOutAccuracy } = await import('../../src/assignments/pca/reproduce-distances-angles.js');
    const iris = loadIris();
    const X = new Matrix(150, 2).map((_, i, j) => iris.features.get(i, j));
    expect(leaveOneOutAccuracy(3, X, iris.labels)).toBe(fixture.iris.looAccuracyK3);
  });
});

describe('data loaders', () => {
  it('iris: 150 x 4, three classes of 50', () => {
    const iris = loadIris();
    expect(iris.features.shape).toEqual([150, 4]);
    expect(Array.from({ length: 3 }, (_, c) => iris.labels.filter((v) => v === c).length)).toEqual([50, 50, 50]);
    expect(iris.features.row(0)).toEqual(Float64Array.from([5.1, 3.5, 1.4, 0.2]));
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('penguins: the 333 complete rows of 344', () => {
    const p = loadPenguins();
    expect(p.features.shape).toEqual([333, 4]);
    expect(p.dropped).toBe(11);
    expect(p.features.data.every(Number.isFinite)).toBe(true);
    expect(new Set(p.labels)).toEqual(new Set([0, 1, 2]));
    expect(new Set(p.sex)).toEqual(new Set(['MALE', 'FEMALE']));
    expect(p.features.row(0)).toEqual(Float64Array.from([39.1, 18.7, 181, 3750]));
  });
});

describe('PNG encoder', () => {
  it('CRC-32 of the check string, and a file that inflates back to its scanlines', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const pixels = Uint8Array.from({ length: 6 * 3 * 3 }, (_, i) => (i * 37) % 256);
    const png = encodePng({ width: 6, height: 3, channels: 3, pixels });
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20), png[24], png[25]]).toEqual([6, 3, 8, 2]);
    const idatLength = view.getUint32(33);
    expect(new TextDecoder().decode(png.subarray(37, 41))).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(3 * (1 + 18));
    for (let y = 0; y < 3; y++) {
      expect(raw[y * 19]).toBe(0);
      expect(Array.from(raw.subarray(y * 19 + 1, (y + 1) * 19))).toEqual(Array.from(pixels.subarray(y * 18, (y + 1) * 18)));
    }
    expect(crc32(png.subarray(37, 41 + idatLength))).toBe(view.getUint32(41 + idatLength));
  });
});

describe('reproduce (quick)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'mml-pca-'));

  function checkFigures(figures: string[], expected: string[]): void {
    for (const name of expected) expect(figures.some((f) => f.endsWith(name))).toBe(true);
    for (const f of figures) {
      expect(existsSync(f)).toBe(true);
      const bytes = readFileSync(f);
      if (f.endsWith('.svg')) expect(bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);
      else expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
  }

  it('lists the four PCA assignments in course order', () => {
    expect(assignmentNames().filter((n) => n.startsWith('pca'))).toEqual(['pca-1-mean-covariance', 'pca-2-distances-angles', 'pca-3-projections', 'pca-4-pca-mnist']);
  });

  it('pca-1: toy values, affine rules, timing, figures', async () => {
    const r = await reproduce('pca-1', { outDir, quick: true });
    expect(r.numbers.meanToy1).toEqual([0.5, 1.5, 1]);
    expect(r.numbers.affineMeanExample).toEqual([3, 11]);
    expect(r.numbers.affineCovarianceExample).toEqual([2, 6, 6, 26]);
    expect(r.numbers.affineMeanMaxDeviation).toBeLessThan(1e-12);
    expect(r.numbers.affineCovarianceMaxDeviation).toBeLessThan(1e-12);
    expect(r.numbers.timingN).toEqual([100, 1100, 2100, 3100, 4100]);
    expect(r.numbers.meanDigitMaxPixel).toBeGreaterThan(0.3);
    checkFigures(r.figures, ['.mean-digit.svg', '.mean-digit.png', '.timing.svg']);
  });

  it('pca-2: nearest neighbours on MNIST, iris accuracy, figures', async () => {
    const r = await reproduce('pca-2', { outDir, quick: true });
    expect(r.numbers.angleExample1Degrees).toBe(90);
    const scan = r.numbers.mostSimilarScanIndex as number;
    expect(scan).toBeGreaterThanOrEqual(1);
    expect(scan).toBeLessThan(500);
    expect(r.numbers.mostSimilarDistance).toBeLessThanOrEqual(r.numbers.mostSimilarScanDistance as number);
    expect(r.numbers.mostSimilarIndex).not.toBe(0);
    expect(r.numbers.distanceCount).toBe(124750);
    expect(r.numbers.distanceMin).toBeGreaterThan(0);
    expect(r.numbers.irisLeaveOneOutAccuracyK3).toBe(fixture.iris.looAccuracyK3);
    const { nearestScan, nearestAll } = fixture.mnist;
    expect([r.numbers.mostSimilarScanIndex, r.numbers.mostSimilarScanLabel]).toEqual([nearestScan.index, nearestScan.label]);
    expect([r.numbers.mostSimilarIndex, r.numbers.mostSimilarLabel]).toEqual([nearestAll.index, nearestAll.label]);
    expect(Math.abs((r.numbers.mostSimilarDistance as number) - nearestAll.distance)).toBeLessThan(1e-10 * nearestAll.distance);
    checkFigures(r.figures, ['.most-similar.svg', '.distance-histogram.svg', '.class-means.svg', '.iris-knn.svg']);
  });

  it('pca-3: projection examples, least squares, the eigen basis beats the random basis', async () => {
    const r = await reproduce('pca-3', { outDir, quick: true });
    expect(r.numbers.projectGeneralExample).toHaveLength(3);
    expect(r.numbers.idempotenceResidualGeneral).toBeLessThan(1e-12);
    expect(Math.abs((r.numbers.thetaNoiseFree as number) - 2)).toBeLessThan(EXACT);
    expect(Math.abs((r.numbers.thetaNormalEquations as number) - (r.numbers.thetaLstsq as number))).toBeLessThan(1e-9);
    expect(r.numbers.leastSquaresError).toHaveLength(10);
    expect(r.numbers.eigenBeatsRandom).toBe(1);
    expect(r.numbers.reconstructionMseEigen).toBeLessThan(r.numbers.reconstructionMseRandom as number);
    checkFigures(r.figures, ['.projection-2d.svg', '.least-squares.svg', '.reconstruction.svg', '.reconstruction.png']);
  });

  it('pca-4: MSE sweep, smallest k with MSE < 10, PCA = PCAHighDim, figures', async () => {
    const r = await reproduce('pca-4', { outDir, quick: true });
    expect(r.numbers.mseK).toEqual([1, 21, 41, 61, 81]);
    const mse = r.numbers.mse as number[];
    for (let i = 1; i < mse.length; i++) expect(mse[i]).toBeLessThanOrEqual(mse[i - 1]);
    expect(r.numbers.maxMseEigenvalueDeviation).toBeLessThan(1e-9);
    const k = r.numbers.smallestKMseBelow10 as number;
    expect(k).toBe(fixture.mnist.smallestKMseBelow10);
    // numpy's MSE at the quick sweep's k (1, 21, ..., 81 are entries 0, 4, ..., 16 of 1, 6, ..., 96).
    mse.forEach((m, i) => expect(Math.abs(m - fixture.mnist.mse[4 * i])).toBeLessThan(1e-10 * fixture.mnist.mse[4 * i]));
    expect(maxRelDiff(Float64Array.from(r.numbers.leadingEigenvalues as number[]), Float64Array.from(fixture.mnist.leadingEigenvalues))).toBeLessThan(1e-10);
    expect(r.numbers.mseAtSmallestK).toBeLessThan(10);
    expect(r.numbers.mseAtSmallestKMinus1).toBeGreaterThanOrEqual(10);
    expect(r.numbers.maxReconstDiffK2).toBeLessThan(1e-8);
    expect(r.numbers.maxReconstDiffK10).toBeLessThan(1e-8);
    expect(Object.keys(r.numbers)[0]).toBe('smallestKMseBelow10');
    checkFigures(r.figures, ['.mse.svg', '.eigen-digits.svg', '.eigen-digits.png', '.reconstructions.svg', '.reconstructions.png', '.digits-2d.svg', '.reconstructions-by-k.png']);
  });
});

describe('pca.eig of a non-symmetric matrix', () => {
  it('takes the general eig: real parts sorted by real part, descending, A v = λ v for real λ', () => {
    const A = Matrix.from([[2, 1, 0], [0, 3, 1], [0, 0, 1]]);
    const { values, vectors } = pca.eig(A);
    [3, 2, 1].forEach((v, k) => expect(Math.abs(values[k] - v)).toBeLessThanOrEqual(1e-12));
    for (let j = 0; j < 3; j++) {
      const v = vectors.col(j);
      const Av = matvec(A, v);
      for (let i = 0; i < 3; i++) expect(Math.abs(Av[i] - values[j] * v[i])).toBeLessThanOrEqual(1e-12);
    }
    // A rotation: a conjugate pair, real parts 0 and 0, then the real eigenvalue 1 first.
    const R = Matrix.from([[0, -1, 0], [1, 0, 0], [0, 0, 1]]);
    const r = pca.eig(R);
    expect(r.values[0]).toBeCloseTo(1, 12);
    expect(Math.abs(r.values[1])).toBeLessThanOrEqual(1e-12);
  });
});

describe('PCA-4 against mml-wasm/ml', () => {
  it('reconst = ml.pca(X).inverseTransform(transform(X)) to 1e-10, N > D and N < D, every method', () => {
    for (const [N, D, k, seed] of [[60, 12, 4, 21], [15, 40, 6, 22]]) {
      const X = normal(N, D, seed);
      const course = pca.PCA(X, k).reconst;
      const methods = N > D ? (['auto', 'eigh', 'svd'] as const) : (['auto', 'svd'] as const);
      for (const method of methods) {
        const model = mlPca(X, { components: k, method });
        const back = model.inverseTransform(model.transform(X));
        expect(maxAbsDiff(back.data, course.data), method).toBeLessThanOrEqual(1e-10);
      }
    }
  });
});
