import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { LinAlgError, matmul, Matrix, NonFiniteError, ShapeError } from '../../src/index.js';
import { IncrementalPca, loadMnist, pca, type PcaModel } from '../../src/ml/index.js';
import { errorOf, maxRelDiff } from '../helpers.js';

interface Recon {
  rows: number[];
  values: number[][];
  errorNorm: number;
  noiseVariance: number;
}
interface FullFixture {
  explainedVarianceAll: number[];
  explainedVarianceRatio100: number[];
  singularValues100: number[];
  mean: number[];
  components3: number[][];
  reconstructions: Record<string, Recon>;
  randomized50: { explainedVarianceRatio: number[] };
}
interface IncrementalFixture {
  rows: number;
  components: number;
  batchSize: number;
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  singularValues: number[];
  noiseVariance: number;
  mean: number[];
  varSum: number;
  components3: number[][];
  reconstruction2: number[][];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/sklearn-pca.json', import.meta.url), 'utf8')) as {
  ks: number[];
  pca: { zeros: FullFixture; all: FullFixture };
  incremental: { zeros: IncrementalFixture; every5th: IncrementalFixture };
};

const { images, labels } = loadMnist();
/** The first 1000 zero digits (the data set is sorted by label). */
const zeros = new Matrix(1000, 784, images.data.slice(0, 1000 * 784));
const every5th = new Matrix(2000, 784, Float64Array.from({ length: 2000 * 784 }, (_, t) => images.data[(Math.floor(t / 784) * 5) * 784 + (t % 784)]));
const sets = { zeros, all: images };

/** max_i |x_i / y_i - 1|. */
function maxRel(x: ArrayLike<number>, y: ArrayLike<number>, n = y.length): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(x[i] / y[i] - 1));
  return m;
}

function rows(X: Matrix, idx: number[]): Matrix {
  return Matrix.from(idx.map((i) => Array.from(X.row(i))));
}

function frobDiff(A: Matrix, B: Matrix): number {
  let s = 0;
  for (let t = 0; t < A.data.length; t++) s += (A.data[t] - B.data[t]) ** 2;
  return Math.sqrt(s);
}

/** ||C Cᵀ - I||_max for the k x D components. */
function orthonormality(C: Matrix): number {
  const G = matmul(C, C, { transB: true });
  let m = 0;
  for (let i = 0; i < G.rows; i++) for (let j = 0; j < G.cols; j++) m = Math.max(m, Math.abs(G.get(i, j) - (i === j ? 1 : 0)));
  return m;
}

function signConventionHolds(C: Matrix): boolean {
  for (let i = 0; i < C.rows; i++) {
    const r = C.row(i);
    let at = 0;
    for (let j = 1; j < r.length; j++) if (Math.abs(r[j]) > Math.abs(r[at])) at = j;
    if (!(r[at] > 0)) return false;
  }
  return true;
}

describe('pca on MNIST against scikit-learn PCA(svd_solver="full")', () => {
  // Fits on all 10,000 digits take about a second each: the k = 100 eigh fit serves two tests,
  // and the reconstructions of the full set are checked for a subset of the k (all of them on the zeros).
  const eigh100 = new Map<string, PcaModel>();
  const eighFit = (name: 'zeros' | 'all') => {
    if (!eigh100.has(name)) eigh100.set(name, pca(sets[name], { components: 100, method: 'eigh' }));
    return eigh100.get(name)!;
  };
  for (const name of ['zeros', 'all'] as const) {
    const X = sets[name];
    const ref = fixture.pca[name];

    it(`${name}: eigh and svd variances, ratios and singular values to 1e-9 for k = 100; components, mean`, () => {
      const models: PcaModel[] = [eighFit(name), pca(X, { components: 100, method: 'svd' })];
      for (const m of models) {
        expect(maxRel(m.explainedVariance, ref.explainedVarianceAll, 100)).toBeLessThan(1e-9);
        expect(maxRel(m.explainedVarianceRatio, ref.explainedVarianceRatio100)).toBeLessThan(1e-9);
        expect(maxRel(m.singularValues, ref.singularValues100)).toBeLessThan(1e-9);
        expect(maxRelDiff(m.mean, Float64Array.from(ref.mean))).toBeLessThan(1e-13);
        // the first three axes are well separated: the vectors themselves agree
        expect(maxRelDiff(rows(m.components, [0, 1, 2]), Matrix.from(ref.components3))).toBeLessThan(1e-9);
        expect(orthonormality(m.components)).toBeLessThan(1e-12);
        expect(signConventionHolds(m.components)).toBe(true);
      }
      expect(models[0].method).toBe('eigh');
      expect(models[1].method).toBe('svd');
    });

    const ks = name === 'zeros' ? fixture.ks : [1, 50, 100];
    it(`${name}: reconstructions and noise variance for k in ${ks.join(', ')} ('auto')`, () => {
      for (const k of ks) {
        const r = ref.reconstructions[String(k)];
        const m = k === 100 ? eighFit(name) : pca(X, { components: k });
        expect(m.method).toBe('eigh');
        expect(m.components.rows).toBe(k);
        const R = m.inverseTransform(m.transform(X));
        expect(maxRelDiff(rows(R, r.rows), Matrix.from(r.values))).toBeLessThan(1e-9);
        expect(Math.abs(frobDiff(X, R) / r.errorNorm - 1)).toBeLessThan(1e-9);
        expect(Math.abs(m.noiseVariance / r.noiseVariance - 1)).toBeLessThan(1e-9);
        // ratios of every k are the leading ratios of the full fit
        expect(maxRel(m.explainedVarianceRatio, ref.explainedVarianceRatio100, k)).toBeLessThan(1e-9);
      }
    });
  }

  it('all: randomized is within 1e-3 of the exact top 50 ratios (scikit-learn randomized, for the record, is not)', () => {
    const ref = fixture.pca.all;
    const m = pca(images, { components: 50, method: 'randomized', seed: 0 });
    expect(m.method).toBe('randomized');
    expect(maxRel(m.explainedVarianceRatio, ref.explainedVarianceRatio100, 50)).toBeLessThan(1e-3);
    expect(maxRel(ref.randomized50.explainedVarianceRatio, ref.explainedVarianceRatio100, 50)).toBeGreaterThan(1e-3);
    expect(maxRel(m.explainedVarianceRatio, ref.explainedVarianceRatio100, 10)).toBeLessThan(1e-9);
    expect(orthonormality(m.components)).toBeLessThan(1e-12);
    expect(signConventionHolds(m.components)).toBe(true);
  });

  it('invariants on the zeros: scores are centred, uncorrelated, with the explained variances; whitening gives unit variance', () => {
    const k = 20;
    const m = pca(zeros, { components: k });
    const Z = m.transform(zeros);
    const cov = matmul(Z, Z, { transA: true }).scale(1 / (zeros.rows - 1));
    const means = Z.mean(0);
    for (let i = 0; i < k; i++) {
      expect(Math.abs(means[i])).toBeLessThan(1e-12);
      expect(Math.abs(cov.get(i, i) / m.explainedVariance[i] - 1)).toBeLessThan(1e-10);
      for (let j = 0; j < i; j++) expect(Math.abs(cov.get(i, j))).toBeLessThan(1e-10 * m.explainedVariance[0]);
    }
    for (let i = 1; i < k; i++) expect(m.explainedVariance[i]).toBeLessThanOrEqual(m.explainedVariance[i - 1]);
    const w = pca(zeros, { components: k, whiten: true });
    const Zw = w.transform(zeros);
    const covW = matmul(Zw, Zw, { transA: true }).scale(1 / (zeros.rows - 1));
    for (let i = 0; i < k; i++) expect(Math.abs(covW.get(i, i) - 1)).toBeLessThan(1e-10);
    expect(maxRelDiff(w.inverseTransform(Zw), m.inverseTransform(Z))).toBeLessThan(1e-12);
  });
});

describe('IncrementalPca against scikit-learn IncrementalPCA', () => {
  for (const [name, X] of [['zeros', zeros], ['every5th', every5th]] as const) {
    const ref = fixture.incremental[name];
    it(`${name}: ${ref.rows} rows in batches of ${ref.batchSize}, k = ${ref.components}`, () => {
      const ip = new IncrementalPca({ components: ref.components, batchSize: ref.batchSize }).fit(X);
      expect(ip.nSamplesSeen).toBe(ref.rows);
      expect(maxRel(ip.explainedVariance, ref.explainedVariance)).toBeLessThan(1e-9);
      expect(maxRel(ip.explainedVarianceRatio, ref.explainedVarianceRatio)).toBeLessThan(1e-9);
      expect(maxRel(ip.singularValues, ref.singularValues)).toBeLessThan(1e-9);
      expect(Math.abs(ip.noiseVariance / ref.noiseVariance - 1)).toBeLessThan(1e-9);
      expect(maxRelDiff(ip.fitted.mean, Float64Array.from(ref.mean))).toBeLessThan(1e-13);
      let varSum = 0;
      for (const v of ip.variance) varSum += v;
      expect(Math.abs(varSum / ref.varSum - 1)).toBeLessThan(1e-12);
      expect(maxRelDiff(rows(ip.components, [0, 1, 2]), Matrix.from(ref.components3))).toBeLessThan(1e-9);
      expect(maxRelDiff(ip.inverseTransform(ip.transform(rows(X, [0, 1]))), Matrix.from(ref.reconstruction2))).toBeLessThan(1e-9);
      expect(orthonormality(ip.components)).toBeLessThan(1e-12);
    });
  }

  it('partialFit by hand equals fit; one batch equals pca(svd)', () => {
    const X = new Matrix(400, 784, zeros.data.subarray(0, 400 * 784));
    const a = new IncrementalPca({ components: 5, batchSize: 130 }).fit(X);
    const b = new IncrementalPca({ components: 5 });
    // scikit-learn's gen_batches: 3 full batches and the remainder (10 >= k rows)
    for (const [from, to] of [[0, 130], [130, 260], [260, 390], [390, 400]]) b.partialFit(new Matrix(to - from, 784, X.data.slice(from * 784, to * 784)));
    expect(b.nSamplesSeen).toBe(400);
    expect(Array.from(b.explainedVariance)).toEqual(Array.from(a.explainedVariance));
    const one = new IncrementalPca({ components: 5 }).partialFit(X);
    const full = pca(X, { components: 5, method: 'svd' });
    expect(maxRel(one.explainedVariance, full.explainedVariance)).toBeLessThan(1e-12);
    expect(maxRelDiff(one.components, full.components)).toBeLessThan(1e-10);
    // a short last batch (fewer than k rows) joins the one before
    const c = new IncrementalPca({ components: 5, batchSize: 131 }).fit(X); // 131, 131, 138
    expect(c.nSamplesSeen).toBe(400);
  });

  it('bad input: typed errors', () => {
    const ip = new IncrementalPca({ components: 3 });
    expect(errorOf(() => ip.components)).toBeInstanceOf(LinAlgError);
    expect(errorOf(() => ip.partialFit(Matrix.random(2, 5, { seed: 1 })))).toBeInstanceOf(ShapeError); // 2 rows < k
    expect(errorOf(() => ip.partialFit(Matrix.random(1, 5, { seed: 1 })))).toBeInstanceOf(ShapeError);
    ip.partialFit(Matrix.random(10, 5, { seed: 1 }));
    expect(errorOf(() => ip.partialFit(Matrix.random(10, 6, { seed: 1 })))).toBeInstanceOf(ShapeError);
    const bad = Matrix.random(10, 5, { seed: 2 });
    bad.set(3, 3, NaN);
    expect(errorOf(() => ip.partialFit(bad))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => new IncrementalPca({ components: 0 }))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => new IncrementalPca({ components: 6 }).partialFit(Matrix.random(10, 5, { seed: 1 })))).toBeInstanceOf(ShapeError);
  });
});

describe('pca: bad input', () => {
  it('throws typed errors naming the operation', () => {
    const X = Matrix.random(10, 4, { seed: 3 });
    const tooMany = errorOf(() => pca(X, { components: 5 }));
    expect(tooMany).toBeInstanceOf(ShapeError);
    expect(tooMany.message).toMatch(/pca: components .* 10x4/);
    expect(errorOf(() => pca(Matrix.random(3, 10, { seed: 3 }), { components: 4 }))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca(X, { components: 0 }))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca(X, { components: 1.5 }))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pca(Matrix.random(1, 4, { seed: 3 }), { components: 1 }))).toBeInstanceOf(ShapeError);
    const nan = X.clone();
    nan.set(7, 2, NaN);
    const e = errorOf(() => pca(nan, { components: 2 }));
    expect(e).toBeInstanceOf(NonFiniteError);
    expect(e.message).toContain('(7, 2)');
    expect(errorOf(() => pca(X, { components: 2, method: 'qr' as never }))).toBeInstanceOf(TypeError);
    const m = pca(X, { components: 2 });
    expect(errorOf(() => m.transform(Matrix.random(3, 5, { seed: 1 })))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => m.inverseTransform(Matrix.random(3, 3, { seed: 1 })))).toBeInstanceOf(ShapeError);
  });

  it('a constant data set: zero variances and ratios, no NaN', () => {
    const m = pca(Matrix.ones(5, 3), { components: 2 });
    expect(Array.from(m.explainedVariance)).toEqual([0, 0]);
    expect(Array.from(m.explainedVarianceRatio)).toEqual([0, 0]);
    expect(orthonormality(m.components)).toBeLessThan(1e-15);
  });
});

describe('pca: properties', () => {
  const shape = fc.record({ n: fc.integer({ min: 2, max: 14 }), d: fc.integer({ min: 1, max: 14 }), seed: fc.integer({ min: 0, max: 1e6 }) });

  it('every method: orthonormal components with the sign convention; eigh and svd agree; full rank reconstructs X', () => {
    fc.assert(
      fc.property(shape, ({ n, d, seed }) => {
        const X = Matrix.random(n, d, { seed, distribution: 'normal' });
        const r = Math.min(n, d);
        const e = pca(X, { components: r, method: 'eigh' });
        const s = pca(X, { components: r, method: 'svd' });
        const q = pca(X, { components: r, method: 'randomized', seed });
        const scale = s.explainedVariance[0];
        for (const m of [e, s, q]) {
          expect(orthonormality(m.components)).toBeLessThan(1e-10);
          expect(signConventionHolds(m.components)).toBe(true);
          for (let i = 0; i < r; i++) expect(Math.abs(m.explainedVariance[i] - s.explainedVariance[i])).toBeLessThanOrEqual(1e-10 * scale);
        }
        // n - 1 < d: the centred data has rank n - 1 at most; the directions kept still span it
        expect(maxRelDiff(e.inverseTransform(e.transform(X)), X)).toBeLessThan(1e-10);
        expect(maxRelDiff(s.inverseTransform(s.transform(X)), X)).toBeLessThan(1e-10);
        let sum = 0;
        for (const v of s.explainedVarianceRatio) sum += v;
        expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('constant features (left out of the covariance): exact zeros in the components, same fit as svd; k beyond the varying features', () => {
    fc.assert(
      fc.property(shape, fc.array(fc.integer({ min: 0, max: 13 }), { maxLength: 6 }), ({ n, d, seed }, constant) => {
        const N = n + d; // N >= D: the covariance path
        const X = Matrix.random(N, d, { seed, distribution: 'normal' });
        const fixed = [...new Set(constant.filter((j) => j < d))];
        for (const j of fixed) for (let i = 0; i < N; i++) X.set(i, j, 0.1 * j); // 0.1 * j sums inexactly
        const r = Math.min(N, d);
        for (const k of [Math.max(1, d - fixed.length), r]) {
          const e = pca(X, { components: k, method: 'eigh' });
          const s = pca(X, { components: k, method: 'svd' });
          for (const j of fixed) {
            expect(e.mean[j]).toBe(0.1 * j);
            if (k <= d - fixed.length) for (let i = 0; i < k; i++) expect(e.components.get(i, j)).toBe(0);
          }
          expect(orthonormality(e.components)).toBeLessThan(1e-10);
          for (let i = 0; i < k; i++) expect(Math.abs(e.explainedVariance[i] - s.explainedVariance[i])).toBeLessThanOrEqual(1e-10 * s.explainedVariance[0]);
          expect(maxRelDiff(e.inverseTransform(e.transform(X)), s.inverseTransform(s.transform(X)))).toBeLessThan(k === r ? 1e-10 : 1e-6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('translating the data moves only the mean; scaling it by c scales variances by c² and keeps ratios and components', () => {
    fc.assert(
      fc.property(shape, fc.double({ min: 0.01, max: 100, noNaN: true }), ({ n, d, seed }, c) => {
        const X = Matrix.random(n, d, { seed, distribution: 'normal' });
        const k = Math.max(1, Math.min(n, d) - 1);
        const shift = Float64Array.from({ length: d }, (_, j) => 3 * j - 7);
        const a = pca(X, { components: k });
        const b = pca(X.add(shift), { components: k });
        const s = pca(X.scale(c), { components: k });
        for (let i = 0; i < k; i++) {
          expect(Math.abs(b.explainedVariance[i] - a.explainedVariance[i])).toBeLessThanOrEqual(1e-9 * a.explainedVariance[0]);
          expect(Math.abs(s.explainedVariance[i] / (c * c) - a.explainedVariance[i])).toBeLessThanOrEqual(1e-9 * a.explainedVariance[0]);
          expect(Math.abs(s.explainedVarianceRatio[i] - a.explainedVarianceRatio[i])).toBeLessThan(1e-9);
        }
        for (let j = 0; j < d; j++) expect(Math.abs(b.mean[j] - a.mean[j] - shift[j])).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });
});

it('labels of the MNIST data used here are digit-sorted', () => {
  expect(labels[0]).toBe(0);
  expect(labels[999]).toBe(0);
});
