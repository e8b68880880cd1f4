import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eigh, gram, Matrix, NonFiniteError, ShapeError } from '../../src/index.js';
import { eighLargest } from '../../src/linalg/eigh-largest.js';
import { errorOf, maxRelDiff } from '../helpers.js';

describe('eighLargest (k leading eigenvectors, partial back-transformation)', () => {
  it('equals the last k columns of eigh, bit for bit in the values, to rounding in the vectors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, seed, frac) => {
        const k = Math.max(1, Math.ceil(frac * n));
        const X = Matrix.random(n + 3, n, { seed, distribution: 'normal' });
        const A = gram(X); // well-separated spectrum almost surely
        const full = eigh(A);
        const part = eighLargest(A, k);
        expect(Array.from(part.values)).toEqual(Array.from(full.values));
        const last = new Matrix(n, k).map((_, i, j) => full.vectors.get(i, n - k + j));
        expect(maxRelDiff(part.vectors, last)).toBeLessThan(1e-9);
      }),
      { numRuns: 40 },
    );
  });

  it('the 784 x 784 case crosses several reflector blocks', () => {
    const A = gram(Matrix.random(800, 784, { seed: 5, distribution: 'normal' }));
    const full = eigh(A);
    const part = eighLargest(A, 50);
    const last = new Matrix(784, 50).map((_, i, j) => full.vectors.get(i, 734 + j));
    expect(maxRelDiff(part.vectors, last)).toBeLessThan(1e-9);
  });

  it('typed errors', () => {
    expect(errorOf(() => eighLargest(Matrix.eye(3), 4))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => eighLargest(Matrix.eye(3), 0))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => eighLargest(Matrix.ones(2, 3), 1))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => eighLargest(Matrix.from([[1, NaN], [NaN, 1]]), 1))).toBeInstanceOf(NonFiniteError);
  });
});
