import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { ConvergenceError, eigh, eigvalsh, LinAlgError, matmul, Matrix, NonFiniteError, ShapeError } from '../../src/index.js';
import { eighBlocking, eighIterationCaps } from '../../src/core/kernels/eigh.js';
import { eighWith } from '../../src/linalg/eigh.js';
import { pivotRow } from '../../src/linalg/signs.js';
import { errorOf } from '../helpers.js';

const EPS = 2 ** -52;

// ---- Measures (scaled by a power of two first, so that entries near 1e±300 neither overflow nor underflow)

/** Frobenius norm, scaled by the largest entry. */
function frob(v: Float64Array): number {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  if (max === 0) return 0;
  let s = 0;
  for (const x of v) s += (x / max) ** 2;
  return max * Math.sqrt(s);
}

/** k with 2^k near max |A| (0 for a zero A): A 2^-k has entries near 1. */
function unitExponent(A: Matrix): number {
  let max = 0;
  for (const x of A.data) max = Math.max(max, Math.abs(x));
  return max === 0 ? 0 : Math.floor(Math.log2(max));
}

/** x 2^-k, exactly (two steps: 2^-k alone may overflow for subnormal x). */
function down(x: number, k: number): number {
  const h = Math.trunc(k / 2);
  return x * 2 ** -h * 2 ** -(k - h);
}

/** ||A V - V diag(w)||_F / ||A||_F (the absolute residual when A = 0). */
function residual(A: Matrix, values: Float64Array, V: Matrix): number {
  const k = unitExponent(A);
  const As = A.map((x) => down(x, k));
  const AV = matmul(As, V);
  const n = A.rows;
  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) r[i * n + j] = AV.data[i * n + j] - V.data[i * n + j] * down(values[j], k);
  const a = frob(As.data);
  return a === 0 ? frob(r) : frob(r) / a;
}

/** ||VᵀV - I||_F. */
function orthogonality(V: Matrix): number {
  return frob(matmul(V, V, { transA: true }).sub(Matrix.eye(V.cols)).data);
}

/** Whether the entry of largest absolute value in each column (the first of ties) is positive. */
function signConventionHolds(V: Matrix): boolean {
  for (let j = 0; j < V.cols; j++) if (V.rows > 0 && V.get(pivotRow(V, j), j) <= 0) return false;
  return true;
}

function ascending(w: Float64Array): boolean {
  for (let i = 1; i < w.length; i++) if (!(w[i] >= w[i - 1])) return false;
  return true;
}

/** Symmetric n x n from a seed: (X + Xᵀ) / 2. */
function randomSymmetric(n: number, seed: number, distribution: 'normal' | 'uniform' = 'normal'): Matrix {
  const X = Matrix.random(n, n, { seed, distribution });
  return X.add(X.T).scale(0.5);
}

/** Q diag(values) Qᵀ with a random orthogonal Q (from the QR of a normal matrix, through eigh's own vectors otherwise). */
function withSpectrum(values: number[], seed: number): Matrix {
  const n = values.length;
  const Q = eigh(randomSymmetric(n, seed)).vectors;
  return matmul(Q.mul(Matrix.from([values])), Q, { transB: true });
}

/** The symmetric tridiagonal matrix with diagonal d and off-diagonal e. */
function tridiagonal(d: number[], e: number[]): Matrix {
  const n = d.length;
  const A = Matrix.zeros(n, n);
  for (let i = 0; i < n; i++) A.set(i, i, d[i]);
  for (let i = 0; i + 1 < n; i++) {
    A.set(i, i + 1, e[i]);
    A.set(i + 1, i, e[i]);
  }
  return A;
}

/** Every documented property of eigh's result, with the bound c n eps. */
function expectValidEigh(A: Matrix, result: { values: Float64Array; vectors: Matrix }, c = 100): void {
  const n = A.rows;
  const { values, vectors } = result;
  expect(values.length).toBe(n);
  expect(vectors.shape).toEqual([n, n]);
  expect(ascending(values)).toBe(true);
  const tol = c * Math.max(n, 1) * EPS;
  expect(residual(A, values, vectors)).toBeLessThanOrEqual(tol);
  expect(orthogonality(vectors)).toBeLessThanOrEqual(tol);
  expect(signConventionHolds(vectors)).toBe(true);
}

// ---- Properties ----------------------------------------------------------------------------

describe('eigh invariants (property-based, n up to 200)', () => {
  it('random symmetric matrices: residual, orthogonality, ascending values, sign convention, input untouched', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer(), fc.constantFrom<'normal' | 'uniform'>('normal', 'uniform'), (n, seed, distribution) => {
        const A = randomSymmetric(n, seed, distribution);
        const copy = A.data.slice();
        const result = eigh(A);
        expect(A.data).toEqual(copy);
        expectValidEigh(A, result);
        // eigvalsh (root-free QL) agrees with eigh's divide and conquer to rounding
        const w = eigvalsh(A);
        expect(A.data).toEqual(copy);
        const scale = Math.max(Math.abs(w[0]), Math.abs(w[n - 1]));
        for (let i = 0; i < n; i++) expect(Math.abs(w[i] - result.values[i])).toBeLessThanOrEqual(50 * n * EPS * scale);
      }),
      { numRuns: 40 },
    );
  });

  it('the QL/QR tridiagonal solver gives the same invariants and values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.integer(), (n, seed) => {
        const A = randomSymmetric(n, seed);
        const ql = eighWith('eigh', A, undefined, 'ql');
        expectValidEigh(A, ql);
        const dc = eigh(A);
        const scale = Math.max(Math.abs(dc.values[0]), Math.abs(dc.values[n - 1]));
        for (let i = 0; i < n; i++) expect(Math.abs(ql.values[i] - dc.values[i])).toBeLessThanOrEqual(50 * n * EPS * scale);
      }),
      { numRuns: 20 },
    );
  });

  it('low-rank and repeated spectra (deflation in every merge)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 160 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (n, distinct, seed) => {
        // eigenvalues drawn from `distinct` values: large multiplicities
        const values = Array.from({ length: n }, (_, i) => Math.floor((i * distinct) / n) - 1);
        const A = withSpectrum(values, seed);
        const result = eigh(A);
        expectValidEigh(A, result);
        const sorted = [...values].sort((a, b) => a - b);
        for (let i = 0; i < n; i++) expect(Math.abs(result.values[i] - sorted[i])).toBeLessThanOrEqual(100 * n * EPS * 2);
      }),
      { numRuns: 20 },
    );
  });
});

describe('eigh on larger matrices', () => {
  for (const n of [255, 256, 257, 400, 784]) {
    it(`${n}x${n} normal symmetric (values against eigvalsh)`, () => {
      const A = randomSymmetric(n, n);
      const result = eigh(A);
      expectValidEigh(A, result);
      const w = eigvalsh(A);
      const scale = Math.max(Math.abs(w[0]), Math.abs(w[n - 1]));
      let d = 0;
      for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(w[i] - result.values[i]));
      expect(d).toBeLessThanOrEqual(1e-12 * scale);
    });
  }

  it('784x784 covariance XᵀX / 999 of a 1000x784 normal matrix (PCA), rank-deficient 300x300 XᵀX of rank 40', () => {
    const X = Matrix.random(1000, 784, { seed: 9, distribution: 'normal' });
    const C = matmul(X, X, { transA: true }).scale(1 / 999);
    const result = eigh(C);
    expectValidEigh(C, result);
    expect(result.values[0]).toBeGreaterThan(0);
    const Y = Matrix.random(40, 300, { seed: 10, distribution: 'normal' });
    const G = matmul(Y, Y, { transA: true });
    const r = eigh(G);
    expectValidEigh(G, r);
    const top = r.values[299];
    for (let i = 0; i < 260; i++) expect(Math.abs(r.values[i])).toBeLessThanOrEqual(300 * 100 * EPS * top);
    expect(r.values[260]).toBeGreaterThan(1e-6 * top);
  });
});

describe('eigh on hard inputs', () => {
  it('the zero matrix: zero eigenvalues, identity eigenvectors', () => {
    for (const n of [1, 2, 5, 30, 100]) {
      const { values, vectors } = eigh(Matrix.zeros(n, n));
      expect([...values]).toEqual(new Array(n).fill(0));
      expect(vectors.equals(Matrix.eye(n))).toBe(true);
      expect([...eigvalsh(Matrix.zeros(n, n))]).toEqual(new Array(n).fill(0));
    }
  });

  it('the identity and its multiples', () => {
    for (const n of [1, 3, 40, 120]) {
      for (const s of [1, -2.5, 1e-300, 1e300]) {
        const { values, vectors } = eigh(Matrix.eye(n).scale(s));
        expect([...values]).toEqual(new Array(n).fill(s));
        expect(vectors.equals(Matrix.eye(n))).toBe(true);
      }
    }
  });

  it('diagonal matrices with repeated values: sorted values, permutation eigenvectors', () => {
    for (const n of [7, 50, 130]) {
      const d = Array.from({ length: n }, (_, i) => [3, -1, 3, 0, -1, 7][i % 6]);
      const A = Matrix.diag(d);
      const { values, vectors } = eigh(A);
      expect([...values]).toEqual([...d].sort((a, b) => a - b));
      expectValidEigh(A, { values, vectors }, 1);
      for (const x of vectors.data) expect(x === 0 || x === 1).toBe(true);
    }
  });

  it('clusters of nearly equal eigenvalues (gaps 1e-14 .. 1e-8) keep orthogonal eigenvectors', () => {
    for (const [n, gap] of [[60, 1e-14], [90, 1e-10], [150, 1e-8]] as const) {
      const values = Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 + gap * i : 2 + gap * i));
      const A = withSpectrum(values, n);
      const result = eigh(A);
      expectValidEigh(A, result);
      for (let i = 0; i < n; i++) expect(Math.abs(result.values[i] - values[i])).toBeLessThanOrEqual(100 * n * EPS * 2);
    }
  });

  it('graded matrices D A D (D from 1e-8 to 1e8): normwise backward stable', () => {
    for (const n of [30, 120]) {
      const B = randomSymmetric(n, 4);
      const dd = Array.from({ length: n }, (_, i) => 10 ** (-8 + (16 * i) / (n - 1)));
      const A = B.map((x, i, j) => x * dd[i] * dd[j]);
      expectValidEigh(A, eigh(A));
    }
  });

  for (const scale of [1e-300, 1e300, 1e-200, 1e200]) {
    it(`entries of size ${scale}: eigenvalues scale, same eigenvectors as the unscaled matrix`, () => {
      for (const n of [20, 90]) {
        const B = randomSymmetric(n, 5);
        const A = B.scale(scale);
        const ref = eigh(B);
        const got = eigh(A);
        expectValidEigh(A, got);
        for (let i = 0; i < n; i++) expect(Math.abs(got.values[i] - ref.values[i] * scale)).toBeLessThanOrEqual(1e-13 * Math.abs(ref.values[n - 1] * scale));
        let dv = 0;
        for (let t = 0; t < n * n; t++) dv = Math.max(dv, Math.abs(got.vectors.data[t] - ref.vectors.data[t]));
        expect(dv).toBeLessThanOrEqual(1e-9);
        const w = eigvalsh(A);
        for (let i = 0; i < n; i++) expect(Math.abs(w[i] - got.values[i])).toBeLessThanOrEqual(1e-13 * Math.abs(got.values[n - 1]));
      }
    });
  }

  it('subnormal entries (2^-1060 B): computed as the exactly scaled-up matrix, eigenvalues rounded to the subnormal grid', () => {
    // The eigenvalues are themselves subnormal (about 14 significant bits), so the residual with
    // them cannot be small; what is checked is that nothing else is lost: A is scaled up exactly.
    for (const n of [20, 90]) {
      const A = randomSymmetric(n, 5).scale(2 ** -530).scale(2 ** -530);
      const up = A.scale(2 ** 530).scale(2 ** 530); // exact
      const ref = eigh(up);
      const got = eigh(A);
      expect(orthogonality(got.vectors)).toBeLessThanOrEqual(100 * n * EPS);
      expect(signConventionHolds(got.vectors)).toBe(true);
      let dv = 0;
      for (let t = 0; t < n * n; t++) dv = Math.max(dv, Math.abs(got.vectors.data[t] - ref.vectors.data[t]));
      expect(dv).toBeLessThanOrEqual(1e-12);
      const tiny = Number.MIN_VALUE;
      for (let i = 0; i < n; i++) expect(Math.abs(got.values[i] - ref.values[i] * 2 ** -530 * 2 ** -530)).toBeLessThanOrEqual(2 * tiny);
      const w = eigvalsh(A);
      for (let i = 0; i < n; i++) expect(Math.abs(w[i] - got.values[i])).toBeLessThanOrEqual(2 * tiny);
    }
  });

  it('entries up to 1e308 (scaled down exactly inside) and an eigenvalue beyond the largest double (LinAlgError)', () => {
    const A = randomSymmetric(10, 6).scale(1e307);
    expectValidEigh(A, eigh(A));
    const e = errorOf(() => eigh([[1.5e308, 1.5e308], [1.5e308, 1.5e308]]));
    expect(e).toBeInstanceOf(LinAlgError);
    expect(e.message).toMatch(/^eigh: an eigenvalue of A \(2x2\) is not representable in float64/);
    expect(errorOf(() => eigvalsh([[1.5e308, 1.5e308], [1.5e308, 1.5e308]]))).toBeInstanceOf(LinAlgError);
  });

  it('tridiagonal inputs: the 1-2-1 matrix (known spectrum), Wilkinson W+, glued Wilkinson, splits', () => {
    const n = 300;
    const A = tridiagonal(new Array(n).fill(2), new Array(n - 1).fill(-1));
    const exact = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    for (const r of [eigh(A), eighWith('eigh', A, undefined, 'ql')]) {
      expectValidEigh(A, r);
      for (let k = 0; k < n; k++) expect(Math.abs(r.values[k] - exact[k])).toBeLessThanOrEqual(1e-13);
    }
    // Wilkinson W21+ has pairs of eigenvalues equal to 1e-14 and better
    const m = 10;
    const W = tridiagonal(Array.from({ length: 2 * m + 1 }, (_, i) => Math.abs(i - m)), new Array(2 * m).fill(1));
    expectValidEigh(W, eigh(W));
    // glued Wilkinson: copies of W21+ coupled by 1e-10 (clusters of the size of the glue)
    const copies = 12;
    const N = copies * (2 * m + 1);
    const d = Array.from({ length: N }, (_, i) => Math.abs((i % (2 * m + 1)) - m));
    const e = Array.from({ length: N - 1 }, (_, i) => ((i + 1) % (2 * m + 1) === 0 ? 1e-10 : 1));
    const G = tridiagonal(d, e);
    expectValidEigh(G, eigh(G));
    expectValidEigh(G, eighWith('eigh', G, undefined, 'ql'));
    // a tridiagonal matrix that splits into blocks of sizes 1, 40, 2, 60 (exact zeros off the diagonal)
    const sizes = [1, 40, 2, 60];
    const dd: number[] = [];
    const ee: number[] = [];
    let seed = 1;
    for (const s of sizes) {
      for (let i = 0; i < s; i++) dd.push(Math.sin(seed++));
      for (let i = 0; i < s - 1; i++) ee.push(Math.cos(seed++));
      ee.push(0);
    }
    ee.pop();
    const S = tridiagonal(dd, ee);
    expectValidEigh(S, eigh(S));
  });

  it('1x1 and 2x2', () => {
    for (const x of [5, -5, 0, 1e-310]) {
      const { values, vectors } = eigh([[x]]);
      expect([...values]).toEqual([x]);
      expect(vectors.toArray()).toEqual([[1]]);
      expect([...eigvalsh([[x]])]).toEqual([x]);
    }
    const { values, vectors } = eigh([
      [2, 1],
      [1, 2],
    ]);
    expect(values[0]).toBeCloseTo(1, 15);
    expect(values[1]).toBeCloseTo(3, 15);
    const r = Math.SQRT1_2;
    // sign convention: the largest entry of each column positive (the first of a tie)
    expect(vectors.get(0, 0)).toBeCloseTo(r, 15);
    expect(vectors.get(1, 0)).toBeCloseTo(-r, 15);
    expect(vectors.get(0, 1)).toBeCloseTo(r, 15);
    expect(vectors.get(1, 1)).toBeCloseTo(r, 15);
  });

  it('reads only the lower triangle by default, the upper one with uplo: "U"', () => {
    const S = randomSymmetric(50, 8);
    const lowerOnly = S.map((x, i, j) => (j > i ? 1e6 * Math.sin(i + j) : x));
    const upperOnly = S.map((x, i, j) => (j < i ? -7 : x));
    const ref = eigh(S);
    for (const [A, uplo] of [[lowerOnly, 'L'], [upperOnly, 'U']] as const) {
      const r = eigh(A, { uplo });
      expect(r.values).toEqual(ref.values);
      expect(r.vectors.data).toEqual(ref.vectors.data);
      expect(eigvalsh(A, { uplo })).toEqual(eigvalsh(S));
    }
  });
});

describe('eigh kernels under other blockings', () => {
  // The defaults were chosen by measurement; the kernels must be right for any of them: tiny
  // panels, no unblocked tail, tiny back-transformation blocks, divide and conquer down to 2x2
  // leaves (laed4's n = 1 and 2 cases, many levels of merges).
  const settings = [
    { nb: 1, nx: 1, nbOrm: 1, leaf: 2 },
    { nb: 2, nx: 2, nbOrm: 2, leaf: 3 },
    { nb: 3, nx: 5, nbOrm: 7, leaf: 4 },
    { nb: 8, nx: 8, nbOrm: 5, leaf: 8 },
    { nb: 16, nx: 40, nbOrm: 64, leaf: 12 },
  ];
  for (const setting of settings) {
    it(`nb ${setting.nb}, nx ${setting.nx}, dormtr block ${setting.nbOrm}, leaf ${setting.leaf}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 90 }), fc.integer(), fc.boolean(), (n, seed, repeated) => {
          const A = repeated ? withSpectrum(Array.from({ length: n }, (_, i) => i % 3), seed) : randomSymmetric(n, seed);
          const reference = eigvalsh(A);
          const previous = eighBlocking(setting);
          try {
            const r = eigh(A);
            expectValidEigh(A, r);
            const w = eigvalsh(A);
            const scale = Math.max(Math.abs(reference[0]), Math.abs(reference[n - 1]), 1e-300);
            for (let i = 0; i < n; i++) {
              expect(Math.abs(r.values[i] - reference[i])).toBeLessThanOrEqual(100 * n * EPS * scale);
              expect(Math.abs(w[i] - reference[i])).toBeLessThanOrEqual(100 * n * EPS * scale);
            }
          } finally {
            eighBlocking(previous);
          }
        }),
        { numRuns: 12 },
      );
    });
  }

  it('restores the defaults', () => {
    expect(eighBlocking()).toEqual({ nb: 32, nx: 32, nbOrm: 32, leaf: 25 });
  });
});

describe('eigh against numpy (fixtures from test/fixtures/generate_eigh.py)', () => {
  const fixtures = JSON.parse(readFileSync(new URL('../fixtures/numpy-eigh.json', import.meta.url), 'utf8'));

  /** The fixture generator's integer formula, exactly. */
  function formula(rows: number, cols: number, symmetric: boolean): Matrix {
    const M = new Matrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const hi = symmetric ? Math.max(i, j) : i;
        const lo = symmetric ? Math.min(i, j) : j;
        M.data[i * cols + j] = (((hi + 1) * 2654435761 + (lo + 1) * 40503) % 65536) / 32768 - 1;
      }
    }
    return M;
  }

  for (const c of fixtures.small) {
    it(`np.linalg.eigh: ${c.name}`, () => {
      const A = new Matrix(c.n, c.n, c.a);
      const { values, vectors } = eigh(A);
      const w = eigvalsh(A);
      const scale = Math.max(...c.values.map(Math.abs));
      for (let i = 0; i < c.n; i++) {
        expect(Math.abs(values[i] - c.values[i])).toBeLessThanOrEqual(1e-12 * scale);
        expect(Math.abs(w[i] - c.eigvalsh[i])).toBeLessThanOrEqual(1e-12 * scale);
      }
      expectValidEigh(A, { values, vectors });
      // eigenvectors of well-separated eigenvalues are determined up to sign, which both sides fix
      // by the convention; when two entries tie for the largest magnitude to within the error
      // bound (3x3 integers: ±[1, -1, 1]/√3), rounding decides the sign, so compare up to sign
      for (let j = 0; j < c.n; j++) {
        const tol = (100 * c.n * EPS * scale) / (c.gaps[j] ?? Infinity);
        if (!(tol < 1e-6)) continue;
        let same = 0;
        let opposite = 0;
        const mags: number[] = [];
        for (let i = 0; i < c.n; i++) {
          const ref = c.vectors[i * c.n + j];
          same = Math.max(same, Math.abs(vectors.get(i, j) - ref));
          opposite = Math.max(opposite, Math.abs(vectors.get(i, j) + ref));
          mags.push(Math.abs(ref));
        }
        mags.sort((x, y) => y - x);
        const tie = c.n > 1 && mags[0] - mags[1] <= 2 * tol;
        expect(tie ? Math.min(same, opposite) : same).toBeLessThanOrEqual(tol);
      }
    });
  }

  for (const c of fixtures.formula) {
    it(`np.linalg.eigvalsh: ${c.name}`, () => {
      let A: Matrix;
      if (c.kind === 'gram') {
        const X = formula(1000, c.n, false);
        A = matmul(X, X, { transA: true });
      } else {
        A = formula(c.n, c.n, true);
      }
      const scale = Math.max(...c.values.map(Math.abs));
      const { values, vectors } = eigh(A);
      const w = eigvalsh(A);
      for (let i = 0; i < c.n; i++) {
        expect(Math.abs(values[i] - c.values[i])).toBeLessThanOrEqual(1e-12 * scale);
        expect(Math.abs(w[i] - c.values[i])).toBeLessThanOrEqual(1e-12 * scale);
      }
      expectValidEigh(A, { values, vectors });
    });
  }
});

describe('eigh errors', () => {
  it('NaN and Infinity throw NonFiniteError naming the entry', () => {
    const e = errorOf(() => eigh([[1, NaN], [NaN, 3]]));
    expect(e).toBeInstanceOf(NonFiniteError);
    expect(e.message).toBe('eigh: A (2x2) has NaN at (0, 1)');
    expect(errorOf(() => eigvalsh([[1, 2], [Infinity, 3]]))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => eigh([[-Infinity]]))).toBeInstanceOf(NonFiniteError);
  });

  it('a non-square matrix throws ShapeError', () => {
    const e = errorOf(() => eigh(Matrix.zeros(2, 3)));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toBe('eigh: A must be square, got 2x3');
    expect(errorOf(() => eigvalsh([[1, 2]]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => eigh([[1, 2], [3]]))).toBeInstanceOf(ShapeError);
  });

  it('0x0 gives empty results', () => {
    const { values, vectors } = eigh(new Matrix(0, 0));
    expect(values.length).toBe(0);
    expect(vectors.shape).toEqual([0, 0]);
    expect(eigvalsh(new Matrix(0, 0)).length).toBe(0);
  });

  it('non-numeric input and bad options throw TypeError', () => {
    expect(errorOf(() => eigh([[1, 'a' as unknown as number], [1, 1]]))).toBeInstanceOf(TypeError);
    const e = errorOf(() => eigh([[1]], { uplo: 'X' as 'L' }));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe(`eigh: uplo must be 'L' or 'U', got "X"`);
    expect(errorOf(() => eigvalsh([[1]], null as unknown as object))).toBeInstanceOf(TypeError);
  });

  it('an iteration that reaches its cap throws ConvergenceError naming the step; the engine stays usable', () => {
    const A = randomSymmetric(60, 3);
    const small = randomSymmetric(12, 3);
    const previous = eighIterationCaps({ sweepsPerEigenvalue: 0 });
    try {
      const e1 = errorOf(() => eigvalsh(A));
      expect(e1).toBeInstanceOf(ConvergenceError);
      expect(e1.message).toMatch(/^eigvalsh: the tridiagonal QL\/QR iteration \(eigenvalues only\) did not converge for eigenvalue \d+ after 0\*60 = 0 sweeps/);
      const e2 = errorOf(() => eighWith('eigh', A, undefined, 'ql'));
      expect(e2).toBeInstanceOf(ConvergenceError);
      expect(e2.message).toMatch(/^eigh: the tridiagonal QL\/QR iteration did not converge for eigenvalue \d+ after/);
      // n <= 25: divide and conquer hands the whole matrix to QL/QR
      expect(errorOf(() => eigh(small))).toBeInstanceOf(ConvergenceError);
    } finally {
      eighIterationCaps(previous);
    }
    const previous2 = eighIterationCaps({ secular: 1 });
    try {
      const e = errorOf(() => eigh(A));
      expect(e).toBeInstanceOf(ConvergenceError);
      expect(e.message).toMatch(/^eigh: divide and conquer: the secular equation did not converge for root \d+ of a merge of order \d+ after 1 iterations \(matrix 60x60\)$/);
    } finally {
      eighIterationCaps(previous2);
    }
    expect(eighIterationCaps()).toEqual({ sweepsPerEigenvalue: 30, secular: 30 });
    expectValidEigh(A, eigh(A));
  });
});
