// norm, cond, matrixRank, pinv, lstsq and randomizedSvd against numpy (test/fixtures/generate_lstsq.py)
// and their defining properties.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { cond, lstsq, Matrix, matmul, matrixRank, norm, NonFiniteError, pinv, randomizedSvd, ShapeError, svd } from '../../src/index.js';
import { errorOf, maxRelDiff } from '../helpers.js';

const EPS = Number.EPSILON;
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/numpy-lstsq.json', import.meta.url), 'utf8'));
const ORDERS: Record<string, 1 | -1 | 2 | -2 | number | 'fro' | 'nuc'> = { fro: 'fro', nuc: 'nuc', '1': 1, '-1': -1, '2': 2, '-2': -2, inf: Infinity, '-inf': -Infinity };

function close(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), Number.MIN_VALUE));
}

describe('against numpy', () => {
  for (const c of fixtures.cases) {
    describe(c.name, () => {
      const A = Matrix.from(c.a);
      const [m, n] = A.shape;
      const smax = c.lstsq.sv[0] ?? 0;
      const smin = c.lstsq.sv[c.lstsq.sv.length - 1] ?? 0;
      const kappa = smin > 0 ? smax / smin : Infinity;

      it('norm for every order', () => {
        for (const [key, ord] of Object.entries(ORDERS)) {
          const expected = c.norms[key];
          // The smallest singular value of a rank-deficient matrix is noise: compare on the largest's scale.
          const tol = key === '-2' ? 1e-12 * smax : 1e-12 * Math.abs(expected);
          expect(Math.abs(norm(A, ord as 'fro') - expected)).toBeLessThanOrEqual(tol + 1e-300);
        }
      });

      it('matrixRank and cond', () => {
        expect(matrixRank(A)).toBe(c.rank);
        if (c.cond2 !== null && kappa < 1e10) close(cond(A), c.cond2, 1e-8);
      });

      it('pinv (rtol max(m, n) eps) and lstsq (rcond eps max(m, n))', () => {
        const P = pinv(A);
        expect(P.shape).toEqual([n, m]);
        const tol = c.rank === Math.min(m, n) ? 1e-10 * Math.max(1, kappa * kappa * EPS * 1e6) : 1e-8;
        expect(maxRelDiff(P, Matrix.from(c.pinv))).toBeLessThanOrEqual(tol);
        const r = lstsq(A, c.b);
        expect(r.rank).toBe(c.lstsq.rank);
        expect(r.singularValues.length).toBe(Math.min(m, n));
        r.singularValues.forEach((s, i) => expect(Math.abs(s - c.lstsq.sv[i])).toBeLessThanOrEqual(1e-12 * smax + 1e-300));
        expect(maxRelDiff(r.x, Float64Array.from(c.lstsq.x))).toBeLessThanOrEqual(tol);
        expect(r.residuals.length).toBe(c.lstsq.residuals.length);
        r.residuals.forEach((v, i) => close(v, c.lstsq.residuals[i], 1e-8));
        const R = lstsq(A, Matrix.from(c.B));
        expect((R.x as Matrix).shape).toEqual([n, 2]);
        expect(maxRelDiff(R.x as Matrix, Matrix.from(c.lstsq.X))).toBeLessThanOrEqual(tol);
      });
    });
  }

  it('vector norms, without the overflow numpy has for large p', () => {
    for (const { v, norms } of fixtures.vectors) {
      for (const [key, expected] of Object.entries(norms) as [string, number | null][]) {
        const ord = key === 'inf' ? Infinity : key === '-inf' ? -Infinity : Number(key);
        const ours = norm(v, ord);
        if (expected === null) expect(Number.isFinite(ours)).toBe(true); // numpy overflowed in |x|^p; the true value is finite
        else if (expected === 0 && ord > 0 && v.some((x: number) => x !== 0)) expect(ours).toBeGreaterThan(0); // numpy underflowed
        else close(ours, expected, 1e-12);
      }
    }
    close(norm([1e300, 1e300, -1e300], 3), 1e300 * 3 ** (1 / 3), 1e-14);
    expect(norm([1e300, 1e300])).toBe(1e300 * Math.SQRT2);
    close(norm([1e-300, 2e-300]), Math.sqrt(5) * 1e-300, 1e-14);
  });
});

describe('properties', () => {
  it('lstsq solves the normal equations and pinv satisfies the Penrose conditions (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer(), (m, n, r, seed) => {
        const k = Math.min(r, m, n);
        const A = matmul(Matrix.random(m, k, { seed, distribution: 'normal' }), Matrix.random(k, n, { seed: seed + 1, distribution: 'normal' }));
        const b = Matrix.random(m, 1, { seed: seed + 2, distribution: 'normal' });
        const { x, rank } = lstsq(A, b.data);
        expect(rank).toBe(k);
        // Aᵀ(A x - b) = 0 up to rounding.
        const res = matmul(A, new Matrix(n, 1, x)).sub(b);
        const g = matmul(A, res, { transA: true });
        expect(Math.hypot(...g.data)).toBeLessThanOrEqual(1e3 * Math.max(m, n) * EPS * norm(A, 'fro') ** 2 * (norm(x) + norm(b.data)) + 1e-300);
        const P = pinv(A);
        const fro = norm(A, 'fro');
        expect(norm(matmul(matmul(A, P), A).sub(A), 'fro')).toBeLessThanOrEqual(1e3 * Math.max(m, n) * EPS * fro * (1 + norm(P, 'fro') * fro));
        expect(norm(matmul(matmul(P, A), P).sub(P), 'fro')).toBeLessThanOrEqual(1e3 * Math.max(m, n) * EPS * norm(P, 'fro') * (1 + norm(P, 'fro') * fro));
      }),
      { numRuns: 30 },
    );
  });

  it('randomizedSvd recovers the leading singular triplets of a matrix with a decaying spectrum', () => {
    // A = U diag(2^-i) Vᵀ, 300 x 200: the leading 10 values to 1e-6 with the default power iterations.
    const { U, Vt } = svd(Matrix.random(300, 200, { seed: 4, distribution: 'normal' }));
    const s = Float64Array.from({ length: 200 }, (_, i) => 2 ** -i);
    const A = matmul(U.map((v, _i, j) => v * s[j]), Vt);
    const r = randomizedSvd(A, 10, { seed: 3 });
    expect(r.U.shape).toEqual([300, 10]);
    expect(r.Vt.shape).toEqual([10, 200]);
    r.S.forEach((v, i) => expect(Math.abs(v - s[i])).toBeLessThanOrEqual(1e-6 * s[0]));
    // Same seed, same result; the sign convention holds.
    expect(randomizedSvd(A, 10, { seed: 3 }).U.equals(r.U)).toBe(true);
    for (let j = 0; j < 10; j++) {
      const col = r.U.col(j);
      const big = col.reduce((best, v, i) => (Math.abs(v) > Math.abs(col[best]) ? i : best), 0);
      expect(col[big]).toBeGreaterThan(0);
    }
  });
});

describe('errors', () => {
  it('typed and named', () => {
    expect(errorOf(() => norm([[1, NaN]]))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => norm([[1, 2]], 3 as 2))).toBeInstanceOf(TypeError);
    expect(errorOf(() => cond([[1, 2, 3]], 1))).toBeInstanceOf(ShapeError);
    expect(cond([[1, 2], [2, 4]], 1)).toBe(Infinity);
    expect(errorOf(() => lstsq([[1, 2], [3, 4]], [1, 2, 3]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => randomizedSvd([[1, 2], [3, 4]], 3))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => pinv([[1, Infinity]]))).toBeInstanceOf(NonFiniteError);
    expect(matrixRank(Matrix.zeros(0, 3))).toBe(0);
    expect(pinv(Matrix.zeros(0, 3)).shape).toEqual([3, 0]);
  });
});
