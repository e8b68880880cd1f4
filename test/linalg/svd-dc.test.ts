// The divide and conquer path of svd (assembly/lapack/bdsdc.ts): spectra that make the merges
// deflate (clusters, exact repeats, zeros, values closer than the deflation tolerance), values
// near underflow and overflow, graded spectra, trees of every depth (small leaf sizes), sizes
// around the leaf size, tall and wide. Each case checks the invariants (reconstruction and
// orthogonality within 100 max(m, n) eps, order, signs) and that S equals the implicit-QR
// solver's (dbdsqr, the path the numpy fixtures of svd.test.ts also check) to 1e-13 of S[0];
// prescribed spectra are checked against the prescribed values too.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConvergenceError, matmul, Matrix, qr, svd, svdvals } from '../../src/index.js';
import { svdTuning, type SvdTuning } from '../../src/core/kernels/svd.js';
import { eighIterationCaps } from '../../src/core/kernels/eigh.js';
import { errorOf, maxAbsDiff } from '../helpers.js';
import { EPS, expectValidSvd } from './svd-helpers.js';

/** Runs fn with the given SVD settings, restoring the previous ones. */
function withTuning<T>(change: Partial<SvdTuning>, fn: () => T): T {
  const previous = svdTuning(change);
  try {
    return fn();
  } finally {
    svdTuning(previous);
  }
}

/** m x k with orthonormal columns (Q of a normal matrix). */
function orthonormal(m: number, k: number, seed: number): Matrix {
  return qr(Matrix.random(m, k, { seed, distribution: 'normal' })).Q;
}

/** Q1 diag(s) Q2ᵀ, m x n with k = s.length = min(m, n). */
function withSpectrum(m: number, n: number, s: number[], seed: number): Matrix {
  const k = s.length;
  const Q1 = orthonormal(m, k, seed);
  const Q2 = orthonormal(n, k, seed + 1);
  return matmul(Q1.mul(Matrix.from([s])), Q2, { transB: true });
}

/** The upper bidiagonal n x n matrix with diagonal d and superdiagonal e. */
function bidiagonal(d: number[], e: number[]): Matrix {
  const n = d.length;
  const A = Matrix.zeros(n, n);
  for (let i = 0; i < n; i++) {
    A.set(i, i, d[i]);
    if (i + 1 < n) A.set(i, i + 1, e[i]);
  }
  return A;
}

/** Invariants of the divide and conquer result, and S against the implicit-QR solver's. */
function expectDcMatchesQr(A: Matrix, full = false): Float64Array {
  const { S } = expectValidSvd(A, full);
  const ref = withTuning({ solver: 'qr' }, () => svd(A).S);
  const scale = ref[0] === 0 ? 1 : ref[0];
  expect(maxAbsDiff(S, ref) / scale).toBeLessThanOrEqual(1e-13);
  return S;
}

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const spectra: [string, (k: number) => number[]][] = [
  ['a cluster of equal values (every merge deflates)', (k) => Array.from({ length: k }, (_, i) => (i < k / 2 ? 2 : 1))],
  ['all equal (A = 3 Q1 Q2ᵀ)', (k) => Array(k).fill(3)],
  ['pairs closer than the deflation tolerance', (k) => Array.from({ length: k }, (_, i) => 1 + Math.floor(i / 2) * 1e-3 + (i % 2) * 1e-16)],
  ['close but distinct (gaps 1e-9)', (k) => Array.from({ length: k }, (_, i) => 1 + i * 1e-9)],
  ['half zero (rank k/2)', (k) => Array.from({ length: k }, (_, i) => (i < k / 2 ? 1 + i / k : 0))],
  ['geometric 1 .. 1e-30 (graded)', (k) => Array.from({ length: k }, (_, i) => 10 ** (-30 * i / (k - 1)))],
  ['one large value, the rest tiny (1e-200)', (k) => Array.from({ length: k }, (_, i) => (i === 0 ? 1 : 1e-200 * (1 + i)))],
  ['clusters at three levels with jitter 1e-14', (k) => {
    const r = lcg(k);
    return Array.from({ length: k }, (_, i) => [10, 1, 1e-8][i % 3] * (1 + 1e-14 * r()));
  }],
];

describe('svd by divide and conquer: deflation-heavy spectra', () => {
  for (const [name, make] of spectra) {
    it(`${name}: tall 160x90, wide 70x130, square 120`, () => {
      for (const [m, n] of [[160, 90], [70, 130], [120, 120]]) {
        const k = Math.min(m, n);
        const s = make(k).sort((a, b) => b - a);
        const A = withSpectrum(m, n, s, k);
        const S = expectDcMatchesQr(A);
        expect(maxAbsDiff(S, s) / s[0]).toBeLessThanOrEqual(1e-12);
      }
    });
  }

  it('a 400x300 matrix with 3 distinct singular values (the top merges deflate almost everything)', () => {
    const s = Array.from({ length: 300 }, (_, i) => [5, 2, 0.5][i % 3]).sort((a, b) => b - a);
    const A = withSpectrum(400, 300, s, 9);
    const S = expectDcMatchesQr(A);
    expect(maxAbsDiff(S, s) / 5).toBeLessThanOrEqual(1e-12);
  });

  it('values near underflow and overflow (the scaled spectrum of 1e-300 and 1e300 matrices)', () => {
    for (const scale of [1e-300, 1e300, 2 ** -1000]) {
      const base = withSpectrum(90, 60, Array.from({ length: 60 }, (_, i) => (i < 20 ? 1 : i < 40 ? 1e-3 : 1e-9)), 4);
      const S = expectDcMatchesQr(base.scale(scale));
      expect(S[0] / scale).toBeCloseTo(1, 10);
    }
  });
});

describe('svd by divide and conquer: bidiagonal inputs', () => {
  const r = lcg(5);
  const cases: [string, number[], number[]][] = [
    ['zero diagonal entries', Array.from({ length: 80 }, (_, i) => (i % 7 === 3 ? 0 : 1 + r())), Array.from({ length: 79 }, () => r())],
    ['zero superdiagonal entries (independent blocks)', Array.from({ length: 80 }, () => r()), Array.from({ length: 79 }, (_, i) => (i % 13 === 0 ? 0 : r()))],
    ['superdiagonal zero at every leaf boundary', Array.from({ length: 100 }, (_, i) => 1 + (i % 5)), Array.from({ length: 99 }, (_, i) => (i % 12 === 11 ? 0 : 0.5))],
    ['diagonal zero, superdiagonal one (singular shift)', Array(60).fill(0), Array(59).fill(1)],
    ['constant diagonal, tiny superdiagonal (1e-17)', Array(70).fill(2), Array(69).fill(1e-17)],
    ['Wilkinson-like: |i - n/2| on the diagonal, ones above', Array.from({ length: 61 }, (_, i) => Math.abs(i - 30)), Array(60).fill(1)],
    ['graded: 1e-5 i on both diagonals', Array.from({ length: 40 }, (_, i) => 10 ** (-i / 2)), Array.from({ length: 39 }, (_, i) => 10 ** (-i / 2))],
  ];
  for (const [name, d, e] of cases) {
    it(name, () => {
      expectDcMatchesQr(bidiagonal(d, e));
    });
  }
});

describe('svd by divide and conquer: trees of every depth and sizes around the leaf size', () => {
  it('leaf sizes 1..6 (deep trees, merges of 1 and 2 non-deflated values), n up to 70', () => {
    for (const leaf of [1, 2, 3, 4, 6]) {
      withTuning({ leaf }, () => {
        for (const [m, n] of [[2, 2], [3, 2], [5, 5], [17, 9], [40, 33], [33, 70]]) {
          expectDcMatchesQr(Matrix.random(m, n, { seed: leaf * 100 + m, distribution: 'normal' }));
          expectDcMatchesQr(withSpectrum(m, n, Array.from({ length: Math.min(m, n) }, (_, i) => (i < 3 ? 1 : 0.5)), leaf + n));
        }
      });
    }
  });

  it('n = 24, 25, 26, 27, 51, 52, 53 at the default leaf size 25, thin and full', () => {
    for (const n of [24, 25, 26, 27, 51, 52, 53]) {
      for (const full of [false, true]) {
        expectDcMatchesQr(Matrix.random(n + 7, n, { seed: n, distribution: 'normal' }), full);
        expectDcMatchesQr(Matrix.random(n, n + 40, { seed: n + 1, distribution: 'normal' }), full);
      }
    }
  });

  it('property: random shapes up to 80 with leaf sizes 2..30 and the QR-first ratio on or off', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 2, max: 30 }), fc.boolean(), fc.integer(),
        (m, n, leaf, qrFirst, seed) => {
          withTuning({ leaf, qrRatio: qrFirst ? [1, 1] : [1000, 1] }, () => {
            expectDcMatchesQr(Matrix.random(m, n, { seed, distribution: 'normal' }));
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('svdvals (implicit QR without vectors) agrees with the divide and conquer values', () => {
    const A = withSpectrum(150, 100, Array.from({ length: 100 }, (_, i) => 1 / (1 + i)), 2);
    expect(maxAbsDiff(svdvals(A), svd(A).S)).toBeLessThanOrEqual(1e-13);
  });
});

describe('svd by divide and conquer: failure', () => {
  it('a secular equation that cannot converge within its cap throws ConvergenceError', () => {
    const previous = eighIterationCaps({ secular: 1 });
    try {
      const e = errorOf(() => svd(Matrix.random(120, 100, { seed: 1, distribution: 'normal' })));
      expect(e).toBeInstanceOf(ConvergenceError);
      expect(e.message).toMatch(/^svd: the bidiagonal divide and conquer .* did not converge for a 120x100 matrix$/);
    } finally {
      eighIterationCaps(previous);
    }
    // the engine still works afterwards
    expectValidSvd(Matrix.random(60, 50, { seed: 2 }));
  });

  it('the default settings are restored', () => {
    expect(svdTuning()).toMatchObject({ solver: 'dc', leaf: 25 });
    expect(EPS).toBe(2 ** -52);
  });
});
