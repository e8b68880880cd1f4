import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dot, EngineError, gram, matmul, Matrix, matvec, outer, ShapeError } from '../../src/index.js';
import { withScratch } from '../../src/core/arena.js';
import { SMALL_GEMM_FLOPS } from '../../src/core/kernels/gemm.js';
import { absProduct, errorOf, maxRelDiff, naiveMatmul } from '../helpers.js';

const EPS = 2 ** -52;

/**
 * Every entry within the standard rounding bound k * eps * (|A| |B|)_ij (times a safety factor 2:
 * both C and the reference carry up to k eps |A||B|). The reference and |A| |B| come from one
 * row-streaming loop (cache-friendly: large shapes took 37 s with two strided naive products and
 * an expect per entry), and the entries are checked in one expect naming the worst.
 */
function expectWithinRounding(C: Matrix, A: Matrix, B: Matrix): void {
  const { rows: m, cols: k } = A;
  const n = B.cols;
  const ref = new Float64Array(n);
  const abs = new Float64Array(n);
  let violations = 0;
  let worst = '';
  let worstRatio = 0;
  for (let i = 0; i < m; i++) {
    ref.fill(0);
    abs.fill(0);
    for (let p = 0; p < k; p++) {
      const a = A.data[i * k + p];
      const aa = Math.abs(a);
      const row = p * n;
      for (let j = 0; j < n; j++) {
        const b = B.data[row + j];
        ref[j] += a * b;
        abs[j] += aa * Math.abs(b);
      }
    }
    for (let j = 0; j < n; j++) {
      const diff = Math.abs(C.data[i * n + j] - ref[j]);
      const bound = 2 * k * EPS * abs[j];
      if (!(diff <= bound)) {
        violations++;
        if (!(diff / bound <= worstRatio)) {
          worstRatio = diff / bound;
          worst = `(${i}, ${j}): |C - ref| = ${diff} > bound ${bound}`;
        }
      }
    }
  }
  expect(violations, worst).toBe(0);
}

describe('matmul against numpy (fixtures from test/fixtures/generate_fixtures.py)', () => {
  const fixtures = JSON.parse(readFileSync(new URL('../fixtures/numpy-products.json', import.meta.url), 'utf8'));
  for (const c of fixtures.matmul) {
    it(`${c.m}x${c.k} times ${c.k}x${c.n}`, () => {
      const A = new Matrix(c.m, c.k, c.a);
      const B = new Matrix(c.k, c.n, c.b);
      const C = matmul(A, B);
      expect(C.shape).toEqual([c.m, c.n]);
      const scale = absProduct(A, B);
      for (let t = 0; t < C.data.length; t++) {
        expect(Math.abs(C.data[t] - c.c[t])).toBeLessThanOrEqual(4 * c.k * EPS * scale.data[t]);
      }
    });
  }
});

describe('matmul shapes (WASM gemm and the small-product path)', () => {
  const shapes: [number, number, number][] = [
    [1, 1, 1], [1, 200, 1], [1, 1, 200], [200, 1, 1], [1, 50, 70], [70, 50, 1],
    [97, 131, 53], [300, 300, 300], [129, 257, 131], [4, 4, 4], [5, 3, 7], [260, 600, 9],
  ];
  for (const [m, k, n] of shapes) {
    it(`${m}x${k} times ${k}x${n}`, () => {
      const A = Matrix.random(m, k, { seed: m + 1000 * k, distribution: 'normal' });
      const B = Matrix.random(k, n, { seed: n + 7, distribution: 'normal' });
      expectWithinRounding(matmul(A, B), A, B);
    });
  }

  it('a 256x256 product equals the naive triple loop to 1e-12 relative (issue 2 acceptance)', () => {
    const A = Matrix.random(256, 256, { seed: 1, distribution: 'normal' });
    const B = Matrix.random(256, 256, { seed: 2, distribution: 'normal' });
    expect(maxRelDiff(matmul(A, B), naiveMatmul(A, B))).toBeLessThanOrEqual(1e-12);
  });

  it('random shapes and transposes agree with the reference (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 70 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (m, k, n, transA, transB, seed) => {
          const A = Matrix.random(m, k, { seed, distribution: 'normal' });
          const B = Matrix.random(k, n, { seed: seed + 1, distribution: 'normal' });
          const C = matmul(transA ? A.T : A, transB ? B.T : B, { transA, transB });
          expectWithinRounding(C, A, B);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('both paths give the same results around the small-product threshold', () => {
    // m x 8 times 8 x 4: m = 8 is 256 multiply-adds (JavaScript), m = 9 is 288 (WASM).
    expect(8 * 8 * 4).toBeLessThanOrEqual(SMALL_GEMM_FLOPS);
    expect(9 * 8 * 4).toBeGreaterThan(SMALL_GEMM_FLOPS);
    for (const m of [8, 9]) {
      const A = Matrix.random(m, 8, { seed: 3 });
      const B = Matrix.random(8, 4, { seed: 4 });
      expectWithinRounding(matmul(A, B), A, B);
      expectWithinRounding(matmul(A.T, B, { transA: true }), A, B);
    }
  });

  it('empty shapes give zero matrices', () => {
    expect(matmul(new Matrix(0, 3), new Matrix(3, 2)).shape).toEqual([0, 2]);
    expect(matmul(new Matrix(2, 0), new Matrix(0, 3)).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
  });

  it('propagates NaN and Infinity like numpy (no check: the bear reflection relies on it)', () => {
    for (const n of [3, 40]) {
      const A = Matrix.random(n, n, { seed: 5 });
      A.set(1, 2, NaN);
      A.set(0, 0, Infinity);
      const C = matmul(A, Matrix.random(n, n, { seed: 6 }));
      for (let j = 0; j < n; j++) {
        expect(Number.isNaN(C.get(1, j))).toBe(true);
        expect(C.get(0, j)).toBe(Infinity);
      }
      expect(Number.isFinite(C.get(2, 0))).toBe(true);
    }
  });
});

describe('matmul errors', () => {
  it('names the operation and both shapes', () => {
    const e = errorOf(() => matmul(Matrix.ones(2, 3), Matrix.ones(2, 3)));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toBe('matmul: inner dimensions differ: A (2x3) has 3 columns, B (2x3) has 2 rows');
    const t = errorOf(() => matmul(Matrix.ones(2, 3), Matrix.ones(3, 2), { transA: true }));
    expect(t.message).toBe('matmul: inner dimensions differ: Aᵀ (A is 2x3) has 2 columns, B (3x2) has 3 rows');
  });

  it('rejects non-numeric input with a TypeError', () => {
    expect(errorOf(() => matmul([[1, 'a' as unknown as number]], [[1], [2]]))).toBeInstanceOf(TypeError);
    expect(errorOf(() => matmul('A' as unknown as number[][], [[1]]))).toBeInstanceOf(TypeError);
  });

  it('a trap inside a kernel becomes an EngineError and the next call works', () => {
    const e = errorOf(() =>
      withScratch('test', (s) => s.wasm.dgemm(0, 0, 64, 64, 64, 1, 0xfff00000, 64, 0, 64, 0, 0, 64, 0)),
    );
    expect(e).toBeInstanceOf(EngineError);
    expect(e.message).toMatch(/^test: engine fault/);
    const A = Matrix.random(64, 64, { seed: 9 });
    expectWithinRounding(matmul(A, A), A, A);
  });

  it('running out of engine memory is an EngineError, and the engine keeps working', () => {
    const e = errorOf(() => withScratch('huge', (s) => s.alloc(5 * 2 ** 30)));
    expect(e).toBeInstanceOf(EngineError);
    expect(e.message).toMatch(/^huge: out of engine memory/);
    const A = Matrix.random(50, 50, { seed: 10 });
    expectWithinRounding(matmul(A, A), A, A);
  });
});

describe('matmul in float32', () => {
  const F32_EPS = 2 ** -23;

  it('rounds operands to float32 and stays within float32 rounding of the exact product (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 70 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (m, k, n, transA, transB, seed) => {
          // Operands already representable in float32, so the reference sees the same inputs.
          const A = Matrix.random(m, k, { seed, distribution: 'normal' }).map(Math.fround);
          const B = Matrix.random(k, n, { seed: seed + 1, distribution: 'normal' }).map(Math.fround);
          const C = matmul(transA ? A.T : A, transB ? B.T : B, { transA, transB, dtype: 'float32' });
          const ref = naiveMatmul(A, B);
          const scale = absProduct(A, B);
          C.data.forEach((v, t) => {
            expect(Math.fround(v)).toBe(v);
            expect(Math.abs(v - ref.data[t])).toBeLessThanOrEqual((k + 2) * F32_EPS * scale.data[t]);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('handles tiny products (no JavaScript path: the arithmetic must be float32) and rejects unknown dtypes', () => {
    const C = matmul([[1 / 3]], [[3]], { dtype: 'float32' });
    expect(C.get(0, 0)).toBe(Math.fround(Math.fround(1 / 3) * 3));
    expect(errorOf(() => matmul([[1]], [[1]], { dtype: 'int8' as 'float32' }))).toBeInstanceOf(TypeError);
  });
});

describe('gram', () => {
  it('equals XᵀX and XXᵀ from matmul bit for bit, and is exactly symmetric (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.integer(), (r, c, seed) => {
        const X = Matrix.random(r, c, { seed, distribution: 'normal' });
        const G = gram(X);
        expect(G.shape).toEqual([c, c]);
        expect(G.equals(G.T)).toBe(true);
        expect(G.equals(matmul(X, X, { transA: true }))).toBe(true);
        const H = gram(X, { of: 'rows', alpha: 0.5 });
        expect(H.equals(H.T)).toBe(true);
        expect(maxRelDiff(H, matmul(X, X, { transB: true }).scale(0.5))).toBeLessThanOrEqual(1e-15);
      }),
      { numRuns: 25 },
    );
  });

  it('a tall shape like the PCA covariance (2000x784) within the rounding bound', () => {
    const X = Matrix.random(2000, 784, { seed: 5 });
    const G = gram(X);
    const XT = X.T;
    expectWithinRounding(G, XT, X);
  });

  it('checks its options', () => {
    expect(errorOf(() => gram([[1, 2]], { of: 'diagonal' as 'rows' }))).toBeInstanceOf(TypeError);
    expect(errorOf(() => gram('x' as unknown as number[][]))).toBeInstanceOf(TypeError);
  });
});

describe('matvec, dot, outer', () => {
  it('compute what their definitions say', () => {
    const A = Matrix.from([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(matvec(A, [1, 0, -1]))).toEqual([-2, -2]);
    expect(Array.from(matvec(A, new Float64Array([1, 1, 1])))).toEqual([6, 15]);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(outer([1, 2], [3, 4, 5]).toArray()).toEqual([[3, 4, 5], [6, 8, 10]]);
  });

  it('matvec and its transpose agree with the naive product, on both sides of the WASM threshold (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), fc.integer({ min: 1, max: 130 }), fc.boolean(), (m, n, transA) => {
        const A = Matrix.random(m, n, { seed: m * n, distribution: 'normal' });
        const x = Matrix.random(transA ? m : n, 1, { seed: m + n, distribution: 'normal' });
        const y = matvec(A, x.data, { transA });
        const ref = naiveMatmul(transA ? A.T : A, x);
        const scale = absProduct(transA ? A.T : A, x);
        const k = transA ? m : n;
        y.forEach((v, i) => expect(Math.abs(v - ref.data[i])).toBeLessThanOrEqual(2 * k * EPS * scale.data[i]));
      }),
      { numRuns: 60 },
    );
  });

  it('check lengths and types', () => {
    expect(errorOf(() => matvec(Matrix.ones(2, 3), [1, 2]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => matvec(Matrix.ones(2, 3), [1, 2]))).toHaveProperty('message', 'matvec: A (2x3) needs x of length 3, got 2');
    expect(errorOf(() => matvec(Matrix.ones(2, 3), [1, 2, 3], { transA: true }))).toHaveProperty(
      'message',
      'matvec: Aᵀ (A is 2x3) needs x of length 2, got 3',
    );
    expect(errorOf(() => dot([1, 2], [1]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => dot([1, 'x' as unknown as number], [1, 2]))).toBeInstanceOf(TypeError);
    expect(errorOf(() => outer({} as unknown as number[], [1]))).toBeInstanceOf(TypeError);
  });
});

describe('matmul { out }', () => {
  it('writes the same bits into the given matrix and returns it, on every path (JS, WASM, float32, transposes)', () => {
    for (const [m, k, n] of [[2, 3, 2], [40, 30, 20], [130, 70, 90]]) {
      const A = Matrix.random(m, k, { seed: m, distribution: 'normal' });
      const B = Matrix.random(k, n, { seed: n, distribution: 'normal' });
      for (const options of [{}, { dtype: 'float32' as const }]) {
        const out = new Matrix(m, n).map(() => 7);
        const r = matmul(A, B, { ...options, out });
        expect(r).toBe(out);
        expect(Array.from(out.data)).toEqual(Array.from(matmul(A, B, options).data));
      }
      const outT = new Matrix(k, n);
      matmul(A, Matrix.random(m, n, { seed: 3 }), { transA: true, out: outT });
      expect(Array.from(outT.data)).toEqual(Array.from(matmul(A, Matrix.random(m, n, { seed: 3 }), { transA: true }).data));
    }
  });

  it('may be an operand: A = A B in place', () => {
    const A = Matrix.random(64, 64, { seed: 1 });
    const B = Matrix.random(64, 64, { seed: 2 });
    const expected = matmul(A, B);
    matmul(A, B, { out: A });
    expect(Array.from(A.data)).toEqual(Array.from(expected.data));
  });

  it('rejects a wrong shape or a non-Matrix, leaving out untouched', () => {
    const out = new Matrix(3, 3).map(() => 5);
    expect(errorOf(() => matmul([[1, 2]], [[3], [4]], { out }))).toBeInstanceOf(ShapeError);
    expect(Array.from(out.data)).toEqual(new Array(9).fill(5));
    expect(errorOf(() => matmul([[1]], [[2]], { out: new Float64Array(1) as unknown as Matrix }))).toBeInstanceOf(TypeError);
  });
});
