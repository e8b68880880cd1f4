import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { ConvergenceError, LinAlgError, matmul, Matrix, NonFiniteError, ShapeError, svd, svdvals } from '../../src/index.js';
import { svdTuning } from '../../src/core/kernels/svd.js';
import { errorOf } from '../helpers.js';

import { EPS, expectValidSvd } from './svd-helpers.js';

/** m x n of rank r: a product of m x r and r x n normal matrices. */
function rankDeficient(m: number, n: number, r: number, seed: number): Matrix {
  return matmul(Matrix.random(m, r, { seed, distribution: 'normal' }), Matrix.random(r, n, { seed: seed + 1, distribution: 'normal' }));
}

/** The integer formula of generate_svd.py, exact in float64. */
function formula(m: number, n: number): Matrix {
  const a = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[i * n + j] = ((7919 * i + 104729 * j + 13 * i * j) % 1009) / 1009 - 0.5;
  return new Matrix(m, n, a);
}

function maxDiffRelative(x: Float64Array, y: number[], scale: number): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
  return scale === 0 ? d : d / scale;
}

// ---- Properties --------------------------------------------------------------------------

describe('svd invariants (property-based, shapes up to 200)', () => {
  const shape = fc.record({ m: fc.integer({ min: 1, max: 200 }), n: fc.integer({ min: 1, max: 200 }), seed: fc.integer(), full: fc.boolean() });

  it('random tall, square and wide matrices: reconstruction, orthogonality, order, signs', () => {
    fc.assert(
      fc.property(shape, ({ m, n, seed, full }) => {
        const { S } = expectValidSvd(Matrix.random(m, n, { seed, distribution: 'normal' }), full);
        expect(svdvals(Matrix.random(m, n, { seed, distribution: 'normal' }))).toEqual(expect.any(Float64Array));
        expect(S.length).toBe(Math.min(m, n));
      }),
      { numRuns: 40 },
    );
  });

  it('svdvals agrees with svd to 1e-13 of the largest singular value', () => {
    fc.assert(
      fc.property(shape, ({ m, n, seed }) => {
        const A = Matrix.random(m, n, { seed, distribution: 'uniform' });
        const { S } = svd(A);
        const s = svdvals(A);
        expect(maxDiffRelative(s, [...S], S[0])).toBeLessThanOrEqual(1e-13);
      }),
      { numRuns: 30 },
    );
  });

  it('rank-deficient matrices: the invariants hold and the trailing values are at rounding level', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 1000 }), ({ m, n, seed, full }, rSeed) => {
        const k = Math.min(m, n);
        const r = k === 1 ? 1 : 1 + (rSeed % (k - 1));
        const A = rankDeficient(m, n, r, seed);
        const { S } = expectValidSvd(A, full);
        if (r < k) expect(S[r] / S[0]).toBeLessThanOrEqual(10 * Math.max(m, n) * EPS);
      }),
      { numRuns: 30 },
    );
  });

  it('the singular values of A, Aᵀ and -A are the same; U and V swap for Aᵀ', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer(), (m, n, seed) => {
        const A = Matrix.random(m, n, { seed, distribution: 'normal' });
        const s = svdvals(A);
        expect(maxDiffRelative(svdvals(A.T), [...s], s[0])).toBeLessThanOrEqual(1e-13);
        expect(maxDiffRelative(svdvals(A.scale(-1)), [...s], s[0])).toBeLessThanOrEqual(1e-13);
      }),
      { numRuns: 20 },
    );
  });
});

describe('svd under other internal settings (block sizes, QR-first ratio)', () => {
  const settings = [
    { nb: 2, nx: 0 },
    { nb: 5, nx: 3 },
    { nb: 8, nx: 0, qrRatio: [1, 1] as [number, number] },
    { nb: 16, nx: 20, qrRatio: [1000, 1] as [number, number] },
  ];
  for (const setting of settings) {
    it(`nb ${setting.nb}, nx ${setting.nx}${setting.qrRatio ? `, QR first from m/n >= ${setting.qrRatio.join('/')}` : ''}`, () => {
      const previous = svdTuning(setting);
      try {
        fc.assert(
          fc.property(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 }), fc.integer(), fc.boolean(), (m, n, seed, full) => {
            expectValidSvd(Matrix.random(m, n, { seed, distribution: 'normal' }), full);
          }),
          { numRuns: 15 },
        );
      } finally {
        svdTuning(previous);
      }
    });
  }
  it('restores the defaults', () => {
    expect(svdTuning()).toEqual({ nb: 32, nx: 128, qrRatio: [8, 5], solver: 'dc', leaf: 25 });
  });
});

// ---- Hard inputs ---------------------------------------------------------------------------

describe('svd on hard inputs', () => {
  it('zero matrix: S = 0, U and Vt orthonormal', () => {
    for (const [m, n] of [[4, 3], [3, 4], [5, 5], [1, 1]]) {
      const A = Matrix.zeros(m, n);
      for (const full of [false, true]) {
        const { U, S, Vt } = expectValidSvd(A, full);
        expect([...S]).toEqual(new Array(Math.min(m, n)).fill(0));
        expect(U.rows).toBe(m);
        expect(Vt.cols).toBe(n);
      }
      expect([...svdvals(A)]).toEqual(new Array(Math.min(m, n)).fill(0));
    }
  });

  it('identity: S = 1, U = Vtᵀ, reconstruction exact to rounding', () => {
    for (const n of [1, 5, 40, 150]) {
      const { U, S, Vt } = expectValidSvd(Matrix.eye(n));
      expect(S.every((s) => Math.abs(s - 1) <= 4 * EPS)).toBe(true);
      expect(maxDiffRelative(U.data, [...Vt.T.data], 1)).toBeLessThanOrEqual(10 * n * EPS);
    }
  });

  it('repeated singular values (a cluster of 3 and of 2): values exact, vectors orthonormal', () => {
    // A = Q1 diag(3, 3, 3, 1, 1) Q2ᵀ with Q from QR of normal matrices
    const { Q: Q1 } = { Q: orthonormal(60, 5, 1) };
    const Q2 = orthonormal(40, 5, 2);
    const A = matmul(Q1.mul(Matrix.from([[3, 3, 3, 1, 1]])), Q2, { transB: true });
    const { S } = expectValidSvd(A);
    expect(maxDiffRelative(S, [3, 3, 3, 1, 1], 3)).toBeLessThanOrEqual(1e-14);
  });

  it('a matrix of equal entries (rank 1, every column the same)', () => {
    const A = Matrix.ones(50, 30).scale(2);
    const { S } = expectValidSvd(A);
    expect(S[0]).toBeCloseTo(2 * Math.sqrt(50 * 30), 12);
    expect(S[1] / S[0]).toBeLessThanOrEqual(100 * EPS);
  });

  it('a 300x300 matrix of rank 150 has exactly 150 significant singular values', () => {
    const A = rankDeficient(300, 300, 150, 3);
    const { S } = expectValidSvd(A);
    expect(S[149] / S[0]).toBeGreaterThan(1e-6);
    expect(S[150] / S[0]).toBeLessThan(300 * EPS);
  });

  it('graded rows 1e-150..1e150 (blocked shapes too): norm-wise backward error and orthogonality', () => {
    for (const [m, n] of [[60, 40], [40, 60], [300, 170], [170, 300]]) {
      const B = Matrix.random(m, n, { seed: m + n, distribution: 'normal' });
      const A = new Matrix(m, n, B.data.map((x, t) => x * 10 ** (-150 + (300 * Math.floor(t / n)) / (m - 1))));
      expectValidSvd(A);
    }
  });

  it('a bidiagonal-friendly graded matrix: relative accuracy of the tiny singular values', () => {
    // diag(1, 1e-5, ..., 1e-35) times a well-conditioned orthogonal-ish factor on each side keeps
    // relative accuracy only for the bidiagonal itself; test the bidiagonal directly (Demmel-Kahan)
    const n = 8;
    const A = Matrix.zeros(n, n);
    for (let i = 0; i < n; i++) {
      A.set(i, i, 10 ** (-5 * i));
      if (i + 1 < n) A.set(i, i + 1, 10 ** (-5 * i));
    }
    const s = svdvals(A);
    // σ_i of this upper bidiagonal are within a few percent of its diagonal, and are computed to
    // high relative accuracy: compare with the closed form of the 2x2 ... via product of values
    // = |det A| = product of the diagonal.
    let logProd = 0;
    for (let i = 0; i < n; i++) logProd += Math.log10(s[i]);
    expect(logProd).toBeCloseTo(-5 * (n * (n - 1)) / 2, 10);
    expect(s[n - 1]).toBeGreaterThan(0);
  });

  for (const scale of [1e300, 1e-300, 2 ** -1000, 1e-155, 1e155]) {
    it(`entries of size ${scale}: S scales with A, U and Vt as for the unscaled matrix`, () => {
      const B = Matrix.random(70, 50, { seed: 11, distribution: 'normal' });
      const A = B.scale(scale);
      const ref = svd(B);
      const got = expectValidSvd(A);
      for (let i = 0; i < 50; i++) expect(got.S[i] / scale / ref.S[i]).toBeCloseTo(1, 12);
      expect(maxDiffRelative(got.U.data, [...ref.U.data], 1)).toBeLessThanOrEqual(1e-10);
      expect(maxDiffRelative(got.Vt.data, [...ref.Vt.data], 1)).toBeLessThanOrEqual(1e-10);
      const s = svdvals(A);
      expect(maxDiffRelative(s, [...got.S], got.S[0])).toBeLessThanOrEqual(1e-13);
    });
  }

  it('a largest singular value above the largest double throws LinAlgError', () => {
    const e = errorOf(() => svd(Matrix.ones(4, 4).scale(1.5e308)));
    expect(e).toBeInstanceOf(LinAlgError);
    expect(e.message).toMatch(/^svd: the largest singular value of A \(4x4\) exceeds/);
  });

  it('tall and wide up to 2000x784 (the PCA-on-MNIST shape), thin', () => {
    for (const [m, n] of [[2000, 784], [784, 2000]]) {
      const A = formula(m, n);
      expectValidSvd(A);
    }
  }, 60_000);
});

describe('svd tiny and empty shapes', () => {
  it('1x1: S = |a|, U = [[1]], sign in Vt', () => {
    for (const x of [5, -5, 0]) {
      const { U, S, Vt } = svd([[x]]);
      expect(U.toArray()).toEqual([[1]]);
      expect([...S]).toEqual([Math.abs(x)]);
      expect(Vt.toArray()).toEqual([[x < 0 ? -1 : 1]]);
    }
  });

  it('1xN and Nx1: S is the norm, the vector is the direction', () => {
    const row = [3, -4, 0, 12];
    for (const full of [false, true]) {
      const r = svd([row], { full });
      expect(r.S[0]).toBeCloseTo(13, 13);
      expect(r.U.toArray()).toEqual([[1]]);
      expect(r.Vt.row(0)[3]).toBeCloseTo(12 / 13, 14);
      const c = svd(Matrix.from(row.map((x) => [x])), { full });
      expect(c.S[0]).toBeCloseTo(13, 13);
      expect(c.U.col(0)[3]).toBeCloseTo(12 / 13, 14);
      expect(c.Vt.toArray()).toEqual([[1]]);
    }
    for (const [m, n] of [[1, 200], [200, 1], [1, 1], [2, 1], [1, 2]]) {
      for (const full of [false, true]) expectValidSvd(Matrix.random(m, n, { seed: 3, distribution: 'normal' }), full);
    }
  });

  it('empty inputs give empty results with the right shapes', () => {
    const cases: [number, number][] = [[0, 3], [3, 0], [0, 0]];
    for (const [m, n] of cases) {
      const thin = svd(new Matrix(m, n));
      expect(thin.U.shape).toEqual([m, 0]);
      expect(thin.S.length).toBe(0);
      expect(thin.Vt.shape).toEqual([0, n]);
      const full = svd(new Matrix(m, n), { full: true });
      expect(full.U.equals(Matrix.eye(m))).toBe(true);
      expect(full.Vt.equals(Matrix.eye(n))).toBe(true);
      expect(svdvals(new Matrix(m, n)).length).toBe(0);
    }
  });
});

describe('svd against numpy (fixtures from test/fixtures/generate_svd.py)', () => {
  const fixtures = JSON.parse(readFileSync(new URL('../fixtures/numpy-svd.json', import.meta.url), 'utf8'));

  for (const c of fixtures.vectors) {
    it(`np.linalg.svd: ${c.name} (values, and vectors where the values are separated)`, () => {
      const A = new Matrix(c.m, c.n, c.a);
      const { U, S, Vt } = expectValidSvd(A);
      expect(maxDiffRelative(S, c.s, c.s[0])).toBeLessThanOrEqual(1e-12);
      // singular vectors are determined to about eps / (relative gap)
      if (c.minGap > 1e-6) {
        const tol = Math.max(1e-12, (100 * EPS) / c.minGap);
        expect(maxDiffRelative(U.data, c.u, 1)).toBeLessThanOrEqual(tol);
        expect(maxDiffRelative(Vt.data, c.vt, 1)).toBeLessThanOrEqual(tol);
      }
    });
  }

  for (const c of fixtures.values) {
    it(`np.linalg.svd values: ${c.name}`, () => {
      const A = new Matrix(c.m, c.n, c.a);
      const { S } = expectValidSvd(A);
      expect(maxDiffRelative(S, c.s, c.s[0])).toBeLessThanOrEqual(1e-12);
      expect(maxDiffRelative(svdvals(A), c.s, c.s[0])).toBeLessThanOrEqual(1e-12);
    });
  }

  for (const c of fixtures.formula) {
    it(`np.linalg.svd values of the ${c.m}x${c.n} integer-formula matrix`, () => {
      const A = formula(c.m, c.n);
      expect(maxDiffRelative(svdvals(A), c.s, c.s[0])).toBeLessThanOrEqual(1e-12);
    }, 60_000);
  }
});

describe('svd errors', () => {
  it('NaN and Infinity throw NonFiniteError naming the entry', () => {
    const e = errorOf(() => svd([[1, NaN], [2, 3]]));
    expect(e).toBeInstanceOf(NonFiniteError);
    expect(e.message).toBe('svd: A (2x2) has NaN at (0, 1)');
    expect(errorOf(() => svdvals([[1, 2], [Infinity, 3]]))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => svd([[-Infinity]], { full: true }))).toBeInstanceOf(NonFiniteError);
  });

  it('non-numeric input and bad options throw TypeError; ragged rows ShapeError', () => {
    expect(errorOf(() => svd([[1, 'a' as unknown as number]]))).toBeInstanceOf(TypeError);
    expect(errorOf(() => svd([[1]], { full: 'yes' as unknown as boolean }))).toBeInstanceOf(TypeError);
    expect(errorOf(() => svd([[1]], null as unknown as object))).toBeInstanceOf(TypeError);
    const e = errorOf(() => svd([[1, 2], [3]]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(/^svd: A/);
  });

  it('ConvergenceError is the error type of the iteration cap', () => {
    expect(new ConvergenceError('x')).toBeInstanceOf(LinAlgError);
  });
});

/** m x k with orthonormal columns (Gram-Schmidt twice on a normal matrix). */
function orthonormal(m: number, k: number, seed: number): Matrix {
  const X = Matrix.random(m, k, { seed, distribution: 'normal' });
  const Q = X.clone();
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += Q.get(i, j) * Q.get(i, p);
        for (let i = 0; i < m; i++) Q.set(i, j, Q.get(i, j) - dot * Q.get(i, p));
      }
      let nrm = 0;
      for (let i = 0; i < m; i++) nrm += Q.get(i, j) ** 2;
      nrm = Math.sqrt(nrm);
      for (let i = 0; i < m; i++) Q.set(i, j, Q.get(i, j) / nrm);
    }
  }
  return Q;
}
