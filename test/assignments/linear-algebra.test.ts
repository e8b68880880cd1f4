// Reference values of ../shared/ASSIGNMENTS.md, LA-1 to LA-3.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Matrix, NonFiniteError, ShapeError, SingularMatrixError, matmul } from '../../src/index.js';
import { linearAlgebra as la, reproduce } from '../../src/assignments/index.js';
import { polygonMatrix } from '../../src/assignments/linear-algebra/reproduce-reflecting-bear.js';
import { bearData } from '../../src/data/course.js';
import { errorOf, maxRelDiff } from '../helpers.js';

const EXACT = 1e-12;
const EIGHT_DECIMALS = 1e-7;

function expectClose(actual: Matrix, expected: number[][], tol: number): void {
  expect(actual.shape).toEqual([expected.length, expected[0].length]);
  actual.toArray().forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(tol)));
}

describe('LA-1 special matrices', () => {
  const B = [[0, 7, -5, 3], [2, 8, 0, 4], [3, 12, 0, 5], [1, 3, 1, 3]];

  it('decides the course matrices', () => {
    expect(la.isSingular([[2, 0, 0, 0], [0, 3, 0, 0], [0, 0, 4, 4], [0, 0, 5, 5]])).toBe(true);
    expect(la.isSingular(B)).toBe(false);
    expect(la.isSingular([[1, 2, 0, 0], [2, 4, 0, 1], [0, 0, 3, 0], [0, 1, 0, 5]])).toBe(false);
    expect(la.isSingular([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]])).toBe(true);
    expect(la.isSingular([[1, 1, 1, 1], [1, 1, 1, 1], [0, 1, 2, 3], [0, 0, 1, 1]])).toBe(true);
    expect(la.isSingular(Matrix.zeros(4, 4))).toBe(true);
  });

  it('chains the four steps in place, with the course intermediate states', () => {
    const A = Matrix.from(B);
    expect(la.fixRowZero(A)).toBe(A);
    expectClose(A, [[1, 7.5, -2.5, 3.5], ...B.slice(1)], EXACT);
    la.fixRowOne(A);
    expectClose(new Matrix(1, 4, A.row(1)), [[0, 1, -5 / 7, 3 / 7]], EXACT);
    la.fixRowTwo(A);
    expectClose(new Matrix(1, 4, A.row(2)), [[0, 0, 1, 1.5]], EXACT);
    la.fixRowThree(A);
    expectClose(A, [[1, 7.5, -2.5, 3.5], [0, 1, -5 / 7, 3 / 7], [0, 0, 1, 1.5], [0, 0, 0, 1]], EXACT);
  });

  it('fixRowOne repairs by adding rows 2 and 3', () => {
    const A = la.fixRowThree(la.fixRowTwo(la.fixRowOne(la.fixRowZero([[1, 2, 0, 0], [2, 4, 0, 1], [0, 0, 3, 0], [0, 1, 0, 5]]))));
    expectClose(A, [[1, 2, 0, 0], [0, 1, 3, 6], [0, 0, 1, 0], [0, 0, 0, 1]], EXACT);
  });

  it('throws SingularMatrixError in the step the course names', () => {
    const inFixRowTwo = la.fixRowOne(la.fixRowZero([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]));
    expect(errorOf(() => la.fixRowTwo(inFixRowTwo))).toBeInstanceOf(SingularMatrixError);
    const inFixRowThree = la.fixRowTwo(la.fixRowOne(la.fixRowZero([[1, 1, 1, 1], [1, 1, 1, 1], [0, 1, 2, 3], [0, 0, 1, 1]])));
    const e = errorOf(() => la.fixRowThree(inFixRowThree));
    expect(e).toBeInstanceOf(SingularMatrixError);
    expect(e.message).toMatch(/fixRowThree: .*row 3/);
    expect(errorOf(() => la.fixRowZero(Matrix.zeros(4, 4)))).toBeInstanceOf(SingularMatrixError);
  });

  it('copies nested arrays, leaves isSingular input untouched', () => {
    const rows = B.map((r) => r.slice());
    la.fixRowZero(rows);
    expect(rows).toEqual(B);
    const M = Matrix.from(B);
    la.isSingular(M);
    expect(M.toArray()).toEqual(B);
  });

  it('rejects other shapes and non-finite entries', () => {
    expect(errorOf(() => la.isSingular(Matrix.eye(3)))).toBeInstanceOf(ShapeError);
    const nan = Matrix.eye(4).set(2, 2, NaN);
    expect(errorOf(() => la.isSingular(nan))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => la.fixRowZero(nan))).toBeInstanceOf(NonFiniteError);
  });

  it('reproduce reports the course numbers and det -4', async () => {
    const r = await reproduce('la-1-special-matrices');
    expect(r.numbers.isSingularA).toBe(1);
    expect(r.numbers.isSingularB).toBe(0);
    expect(r.numbers.detB).toBeCloseTo(-4, 12);
    expect(r.numbers.bAfterFixRowThreeShape).toEqual([4, 4]);
    expect(r.figures).toEqual([]);
  });
});

describe('LA-2 Gram-Schmidt', () => {
  const V = [[1, 0, 2, 6], [0, 1, 8, 2], [2, 8, 3, 1], [1, -6, 2, 3]];
  const GSV = [
    [0.40824829, -0.1814885, 0.04982278, 0.89325973],
    [0, 0.1088931, 0.99349591, -0.03328918],
    [0.81649658, 0.50816781, -0.06462163, -0.26631346],
    [0.40824829, -0.83484711, 0.07942048, -0.36063281],
  ];

  it('matches the course values for V and A', () => {
    expectClose(la.gsBasis(V), GSV, EIGHT_DECIMALS);
    expectClose(la.gsBasis4(V), GSV, EIGHT_DECIMALS);
    expectClose(la.gsBasis4(la.gsBasis4(V)), GSV, EIGHT_DECIMALS);
    expectClose(
      la.gsBasis([[3, 2, 3], [2, 5, -1], [2, 4, 8], [12, 2, 1]]),
      [[0.23643312, 0.18771349, 0.22132104], [0.15762208, 0.74769023, -0.64395812], [0.15762208, 0.57790444, 0.72904263], [0.94573249, -0.26786082, -0.06951101]],
      EIGHT_DECIMALS,
    );
    expect(la.dimensions([[3, 2, 3], [2, 5, -1], [2, 4, 8], [12, 2, 1]])).toBeCloseTo(3, 12);
    expect(la.dimensions([[6, 2, 1, 7, 5], [2, 8, 5, -4, 1], [1, -6, 3, 2, 8]])).toBeCloseTo(3, 12);
    expect(la.dimensions([[1, 0, 2], [0, 1, -3], [1, 0, 2]])).toBeCloseTo(2, 12);
  });

  it('columns are unit or zero, the non-zero ones orthonormal, exact combinations vanish (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 8 }), fc.integer(), (d, m0, seed) => {
        // At most d free columns (generically independent). With more, the columns zeroed before
        // a combination leave rounding that can pass the course's absolute 1e-14 threshold (seen
        // once in about 800 draws of d = 5, m = 8): a property of the course algorithm, not a bug.
        const m = Math.min(m0, d);
        // Entries of order 1 (the course's setting: its threshold is absolute), dyadic so that the
        // appended columns col_{m+t} = col_t + col_{t+1} are exact combinations in floating point.
        const free = Matrix.random(d, m, { seed }).map((u) => Math.floor(u * 5) / 2 - 1);
        const cols = free.cols;
        const withDeps = new Matrix(d, cols + cols - 1).map((_, i, j) =>
          j < cols ? free.get(i, j) : free.get(i, j - cols) + free.get(i, j - cols + 1),
        );
        const Q = la.gsBasis(withDeps);
        const norms = Array.from({ length: Q.cols }, (_, j) => Math.hypot(...Q.col(j)));
        norms.forEach((n) => expect(n === 0 || Math.abs(n - 1) < 1e-12).toBe(true));
        for (let j = cols; j < Q.cols; j++) expect(norms[j]).toBe(0);
        const keep = norms.map((n, j) => (n > 0 ? j : -1)).filter((j) => j >= 0);
        const Qk = new Matrix(d, keep.length).map((_, i, j) => Q.get(i, keep[j]));
        const G = matmul(Qk, Qk, { transA: true });
        expect(maxRelDiff(G, Matrix.eye(keep.length))).toBeLessThan(1e-12);
        expect(keep.length).toBeLessThanOrEqual(Math.min(d, cols));
      }),
      { numRuns: 60 },
    );
  });

  it('gsBasis4 keeps the course NaN for a zero first column; gsBasis zeroes it', () => {
    const Z = [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0]];
    expect(la.gsBasis4(Z).col(0).every(Number.isNaN)).toBe(true);
    expect(Array.from(la.gsBasis(Z).col(0))).toEqual([0, 0, 0, 0]);
    expect(errorOf(() => la.gsBasis4([[1, 2, 3]]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => la.gsBasis([[1, NaN]]))).toBeInstanceOf(NonFiniteError);
  });

  it('reproduce reports bases, dimensions and orthogonality', async () => {
    const r = await reproduce('la-2');
    expect(r.numbers.dimensionsA).toBeCloseTo(3, 12);
    expect(r.numbers.dimensionsC).toBeCloseTo(2, 12);
    expect(r.numbers.orthogonalityErrorV).toBeLessThan(1e-14);
    expect(r.numbers.gsBasis4VShape).toEqual([4, 4]);
  });
});

describe('LA-3 reflecting bear', () => {
  it('maps the course examples', () => {
    expectClose(la.buildReflectionMatrix([[1, 0], [0, 1]]), [[1, 0], [0, -1]], EXACT);
    expectClose(la.buildReflectionMatrix([[0, 1], [1, 0]]), [[-1, 0], [0, 1]], EXACT);
    expectClose(la.buildReflectionMatrix([[1, 0], [1, 1]]), [[0, 1], [1, 0]], EXACT);
  });

  it('is a reflection fixing b0 for independent bases (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }), ([a, b, c, d]) => {
        // Bases that are not nearly parallel: Gram-Schmidt loses orthogonality like eps / sin(angle).
        fc.pre(Math.abs(a * d - b * c) > 1e-2 * Math.hypot(a, c) * Math.hypot(b, d) && Math.hypot(a, c) > 1e-3 && Math.hypot(b, d) > 1e-3);
        const T = la.buildReflectionMatrix([[a, b], [c, d]]);
        expect(maxRelDiff(T, T.T)).toBeLessThan(EXACT);
        expect(maxRelDiff(matmul(T, T), Matrix.eye(2))).toBeLessThan(EXACT);
        expect(T.get(0, 0) * T.get(1, 1) - T.get(0, 1) * T.get(1, 0)).toBeCloseTo(-1, 12);
        const b0 = new Float64Array([a, c]);
        const Tb0 = matmul(T, new Matrix(2, 1, b0)).data;
        expect(Math.abs(Tb0[0] - a) + Math.abs(Tb0[1] - c)).toBeLessThan(1e-12 * Math.hypot(a, c) + 1e-15);
      }),
      { numRuns: 100 },
    );
  });

  it('a dependent second column gives e0 e0ᵀ without throwing', () => {
    const T = la.buildReflectionMatrix([[1, 2], [1, 2]]);
    expectClose(T, [[0.5, 0.5], [0.5, 0.5]], EXACT);
  });

  it('reflecting the bear twice restores it; NaN separators pass through', () => {
    const T = la.buildReflectionMatrix([[1, -1], [1.5, 2]]);
    for (const shape of ['whiteFur', 'blackFur', 'face'] as const) {
      const M = polygonMatrix(bearData[shape]);
      const back = matmul(T, matmul(T, M));
      for (let t = 0; t < M.data.length; t++) {
        if (Number.isNaN(M.data[t])) expect(Number.isNaN(back.data[t])).toBe(true);
        else expect(Math.abs(back.data[t] - M.data[t])).toBeLessThan(1e-12);
      }
    }
    expect(polygonMatrix(bearData.whiteFur).shape).toEqual([2, 25]);
    expect(polygonMatrix(bearData.blackFur).shape).toEqual([2, 84]);
    expect(polygonMatrix(bearData.face).shape).toEqual([2, 22]);
  });

  it('rejects a wrong shape or NaN basis', () => {
    expect(errorOf(() => la.buildReflectionMatrix([[1, 2, 3], [4, 5, 6]]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => la.buildReflectionMatrix([[1, NaN], [0, 1]]))).toBeInstanceOf(NonFiniteError);
  });

  it('reproduce reports T and writes the mirror figure', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mml-la3-'));
    const r = await reproduce('la-3-reflecting-bear', { outDir });
    expect(r.numbers.detT).toBeCloseTo(-1, 12);
    expect(r.numbers.reflectionError).toBeLessThan(1e-14);
    expect(r.figures).toEqual([join(outDir, 'la-3-reflecting-bear.mirror.svg')]);
    expect(existsSync(r.figures[0])).toBe(true);
    const svg = readFileSync(r.figures[0], 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Reflecting Bear');
    // Bear fills in both colours: the white and black fur of the bear and of its reflection.
    expect((svg.match(/fill="#e3dada"/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect((svg.match(/fill="#241c1c"/g) ?? []).length).toBeGreaterThanOrEqual(14);
    expect(svg).toContain('orthonormal basis E');
  });
});
