// Step 3 accuracy tests: lu, solve, inv, det, slogdet, cholesky, solveTriangular.
//
// 1. Agreement with scipy/numpy (test/fixtures/scipy-linalg.json, written by
//    test/fixtures/generate_linalg.py; its docstring documents every field and flag).
// 2. Invariants on random shapes up to 200 (fast-check): backward errors, structure of the factors,
//    residuals, det against the diagonal of U.
// 3. The error contract: ShapeError, SingularMatrixError, NotPositiveDefiniteError, NonFiniteError.
//
// Tolerances. A backward-stable method returns the exact result of a matrix within c n eps of A
// (relative), so two such methods may differ in a result by about n eps times the condition number
// of that result: fixture comparisons use max(FLOOR, C * n * cond * eps), relative in the max norm,
// with cond the case's condTol (cond1 of A; of the unscaled core for graded cases) or, for the LU
// factors, condFactors (the worst cond1 of the leading blocks of the permuted A, which is what the
// factors' sensitivity depends on). Results that LAPACK computes exactly (dyadic data, power-of-two
// pivots: the fixture's `exact` flag) must match bit for bit. Measured with an independent
// unblocked elimination, the differences stay at least 10x below these bounds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  cholesky,
  det,
  gram,
  inv,
  LinAlgError,
  lu,
  matmul,
  Matrix,
  matvec,
  NonFiniteError,
  NotPositiveDefiniteError,
  ShapeError,
  SingularMatrixError,
  slogdet,
  solve,
  solveTriangular,
} from '../../src/index.js';
import { errorOf, maxRelDiff } from '../helpers.js';

const EPS = 2 ** -52;
/** Smallest relative tolerance of a fixture comparison (a few hundred ulps). */
const FLOOR = 1e-13;
/** Safety factor on n * cond * eps for fixture comparisons. */
const C_FIX = 4;
/** Backward errors and residuals: the brief's 50 n eps (normwise). */
const C_BACKWARD = 50;

// ---------------------------------------------------------------------------------------------
// Fixtures

interface Spec {
  rows: number;
  cols: number;
  data?: number[];
  gen?: 'uniform' | 'spd';
  seed?: number;
  rowExp?: number[];
  colExp?: number[];
  probe?: [number, number, number][];
}
interface LuRef {
  perm: number[];
  P: number[];
  L: number[];
  U: number[];
  pivotMargin: number;
  pivotSafety: number | null;
  condFactors: number;
  compareFactors: boolean;
}
interface SquareCase {
  name: string;
  n: number;
  tags: string[];
  a: Spec;
  cond1: number;
  condTol: number;
  rcondLapack: number;
  singular: boolean | null;
  exact: boolean;
  lu: LuRef;
  det: number;
  detTrue: number;
  logAbsDetTrue: number;
  detExact?: number;
  slogdet: { sign: number; logAbsDet: number };
  numpyRaises: boolean;
  solve: { b: Spec; x: number[] | null; B: Spec; X: number[] | null };
  inv: number[] | null;
  cholesky?: number[];
  cholExact?: boolean;
}
interface RectCase {
  name: string;
  m: number;
  n: number;
  tags: string[];
  a: Spec;
  exact: boolean;
  lu: LuRef;
}
interface TriCase {
  name: string;
  n: number;
  t: Spec;
  options: { lower: boolean; trans: boolean; unitDiagonal: boolean } | null;
  b: Spec;
  x: number[];
  B: Spec;
  X: number[];
  cond1: number;
  exact: boolean;
}
interface BigDetCase {
  name: string;
  n: number;
  a: Spec;
  det: number;
  slogdet: { sign: number; logAbsDet: number };
  cond1: number;
}
interface Fixtures {
  numpy: string;
  scipy: string;
  lapack: string;
  eps: number;
  square: SquareCase[];
  rect: RectCase[];
  notPositiveDefinite: { name: string; a: Spec; numpyRaises: boolean }[];
  triangular: TriCase[];
  bigDet: BigDetCase[];
}

// JSON has no Infinity: the generator writes non-finite numbers as strings.
const fixtures: Fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/scipy-linalg.json', import.meta.url), 'utf8'),
  (_key, v) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : v),
);

/** The generator's Park-Miller sequence x_1, x_2, ... (all products below 2^53: exact). */
function parkMiller(seed: number, count: number): Float64Array {
  const out = new Float64Array(count);
  let x = seed;
  for (let t = 0; t < count; t++) {
    x = (16807 * x) % 2147483647;
    out[t] = x;
  }
  return out;
}

/** Rebuilds a fixture matrix bit for bit (stored data, or the generator's rules). */
function build(spec: Spec): Matrix {
  const { rows, cols } = spec;
  let a: Float64Array;
  if (spec.data) {
    a = Float64Array.from(spec.data);
  } else if (spec.gen === 'uniform') {
    a = parkMiller(spec.seed!, rows * cols).map((x) => x / 2 ** 30 - 1);
  } else if (spec.gen === 'spd') {
    const n = rows;
    const g = parkMiller(spec.seed!, n * n).map((x) => (x % 17) - 8);
    a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = i === j ? n : 0;
        for (let t = 0; t < n; t++) s += g[i * n + t] * g[j * n + t];
        a[i * n + j] = s;
      }
    }
  } else {
    throw new Error(`unknown matrix rule ${JSON.stringify(spec)}`);
  }
  const re = spec.rowExp;
  const ce = spec.colExp;
  if (re || ce) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) a[i * cols + j] *= 2 ** ((re ? re[i] : 0) + (ce ? ce[j] : 0));
    }
  }
  return new Matrix(rows, cols, a);
}

function rowExp(spec: Spec): number[] {
  return spec.rowExp ?? new Array<number>(spec.rows).fill(0);
}
function colExp(spec: Spec): number[] {
  return spec.colExp ?? new Array<number>(spec.cols).fill(0);
}

// Undoing the power-of-two grading A = Dr R Dc (exact: only the exponents change). The factors of
// A are then those of R with the same pivot order, and comparisons use R's condition number.
function unscaleL(L: ArrayLike<number>, m: number, k: number, perm: ArrayLike<number>, re: number[]): Float64Array {
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) out[i * k + j] = L[i * k + j] * 2 ** (re[perm[j]] - re[perm[i]]);
  return out;
}
function unscaleU(U: ArrayLike<number>, k: number, n: number, perm: ArrayLike<number>, re: number[], ce: number[]): Float64Array {
  const out = new Float64Array(k * n);
  for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) out[i * n + j] = U[i * n + j] * 2 ** -(re[perm[i]] + ce[j]);
  return out;
}
/** inv(A) = Dc^-1 inv(R) Dr^-1; x = Dc^-1 R^-1 (Dr^-1 b). */
function unscaleInverse(X: ArrayLike<number>, n: number, re: number[], ce: number[]): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = X[i * n + j] * 2 ** (ce[i] + re[j]);
  return out;
}
function unscaleSolution(x: ArrayLike<number>, n: number, r: number, ce: number[]): Float64Array {
  const out = new Float64Array(n * r);
  for (let i = 0; i < n; i++) for (let c = 0; c < r; c++) out[i * r + c] = x[i * r + c] * 2 ** ce[i];
  return out;
}
/** Cholesky of D S D is D chol(S). */
function unscaleCholesky(L: ArrayLike<number>, n: number, re: number[]): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = L[i * n + j] * 2 ** -re[i];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const f64 = (v: ArrayLike<number>): Float64Array => Float64Array.from(v);
/** -0 -> 0, so that exact comparisons do not depend on the sign of a zero. */
const unsignedZero = (v: ArrayLike<number>): number[] => Array.from(v, (x) => (x === 0 ? 0 : x));

function expectExactly(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(unsignedZero(actual)).toEqual(unsignedZero(expected));
}

/** max |x - ref| / max |ref| within tol. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  const err = maxRelDiff(f64(actual), f64(expected));
  expect(err, `${what}: relative error ${err.toExponential(2)} > tolerance ${tol.toExponential(2)}`).toBeLessThanOrEqual(tol);
}

function fixtureTol(n: number, cond: number): number {
  return Math.max(FLOOR, C_FIX * n * cond * EPS);
}

function asVector(x: Float64Array | Matrix): Float64Array {
  if (!(x instanceof Float64Array)) throw new Error('expected a Float64Array');
  return x;
}
function asMatrix(x: Float64Array | Matrix): Matrix {
  if (!(x instanceof Matrix)) throw new Error('expected a Matrix');
  return x;
}

function frobenius(a: ArrayLike<number>): number {
  let s = 0;
  let scale = 0;
  for (let t = 0; t < a.length; t++) scale = Math.max(scale, Math.abs(a[t]));
  if (scale === 0) return 0;
  for (let t = 0; t < a.length; t++) s += (a[t] / scale) ** 2;
  return scale * Math.sqrt(s);
}
function norm1(A: Matrix): number {
  let best = 0;
  for (let j = 0; j < A.cols; j++) {
    let s = 0;
    for (let i = 0; i < A.rows; i++) s += Math.abs(A.data[i * A.cols + j]);
    best = Math.max(best, s);
  }
  return best;
}
function normInf(A: Matrix): number {
  return norm1(A.T);
}
function vecNormInf(x: ArrayLike<number>): number {
  let m = 0;
  for (let t = 0; t < x.length; t++) m = Math.max(m, Math.abs(x[t]));
  return m;
}

/** +1 or -1: the sign of the permutation i -> perm[i] (from its cycles). */
function permutationSign(perm: ArrayLike<number>): number {
  const seen = new Uint8Array(perm.length);
  let sign = 1;
  for (let i = 0; i < perm.length; i++) {
    if (seen[i]) continue;
    let len = 0;
    for (let j = i; !seen[j]; j = perm[j]) {
      seen[j] = 1;
      len++;
    }
    if (len % 2 === 0) sign = -sign;
  }
  return sign;
}

/**
 * The product of `values` with exact power-of-two rescaling after every factor, so it overflows
 * (to +-Infinity) or underflows (to 0) only when the true product is out of range.
 */
function scaledProduct(values: ArrayLike<number>): number {
  let mant = 1;
  let exp = 0;
  for (let t = 0; t < values.length; t++) {
    mant *= values[t];
    if (mant === 0) return 0;
    while (Math.abs(mant) >= 2 ** 100) {
      mant *= 2 ** -100;
      exp += 100;
    }
    while (Math.abs(mant) < 2 ** -100) {
      mant *= 2 ** 100;
      exp -= 100;
    }
  }
  while (exp > 0 && Number.isFinite(mant)) {
    const step = Math.min(exp, 1000);
    mant *= 2 ** step;
    exp -= step;
  }
  while (exp < 0 && mant !== 0) {
    const step = Math.max(exp, -1000);
    mant *= 2 ** step;
    exp -= step;
  }
  return mant;
}

/**
 * Everything the LU contract promises about one factorization of A (m x n), whatever A is:
 * shapes, P consistent with perm, L unit lower, U upper, |L| <= 1, and the backward error
 * |A[perm] - L U| <= 4 k eps |L| |U| entrywise (the classic bound for Gaussian elimination, valid in
 * any evaluation order and for graded rows) and ||P L U - A||_F <= 50 max(m, n) eps ||A||_F.
 */
function checkLu(A: Matrix, r: ReturnType<typeof lu>): void {
  const { rows: m, cols: n } = A;
  const k = Math.min(m, n);
  const { P, L, U, perm } = r;
  expect(P.shape).toEqual([m, m]);
  expect(L.shape).toEqual([m, k]);
  expect(U.shape).toEqual([k, n]);
  expect(perm).toBeInstanceOf(Int32Array);
  expect(perm.length).toBe(m);
  expect([...perm].sort((x, y) => x - y)).toEqual(Array.from({ length: m }, (_, i) => i));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (P.data[i * m + j] !== (perm[j] === i ? 1 : 0)) throw new Error(`P[${i}][${j}] = ${P.data[i * m + j]} does not match perm`);
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      const v = L.data[i * k + j];
      if (j > i && v !== 0) throw new Error(`L[${i}][${j}] = ${v} above the diagonal`);
      if (j === i && v !== 1) throw new Error(`L[${i}][${i}] = ${v}, not 1`);
      if (!(Math.abs(v) <= 1)) throw new Error(`|L[${i}][${j}]| = ${Math.abs(v)} > 1: not partial pivoting`);
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      if (U.data[i * n + j] !== 0) throw new Error(`U[${i}][${j}] = ${U.data[i * n + j]} below the diagonal`);
    }
  }
  const LU = matmul(L, U);
  const absLU = matmul(L.map(Math.abs), U.map(Math.abs));
  const diff = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const d = Math.abs(A.data[perm[i] * n + j] - LU.data[i * n + j]);
      diff[i * n + j] = d;
      const bound = 4 * Math.max(k, 1) * EPS * absLU.data[i * n + j];
      if (!(d <= bound)) throw new Error(`|A[perm][${i}][${j}] - (LU)[${i}][${j}]| = ${d} > 4 k eps (|L||U|) = ${bound}`);
    }
  }
  expect(frobenius(diff)).toBeLessThanOrEqual(C_BACKWARD * Math.max(m, n) * EPS * frobenius(A.data));
}

// ---------------------------------------------------------------------------------------------
// Fixture agreement

describe(`fixtures (numpy ${fixtures.numpy}, scipy ${fixtures.scipy}; ${fixtures.lapack.split('/').slice(-2).join('/')})`, () => {
  it('rebuilds every rule-generated matrix bit for bit (probes)', () => {
    const specs: Spec[] = [
      ...fixtures.square.flatMap((c) => [c.a, c.solve.b, c.solve.B]),
      ...fixtures.rect.map((c) => c.a),
      ...fixtures.triangular.flatMap((c) => [c.t, c.b, c.B]),
      ...fixtures.bigDet.map((c) => c.a),
    ];
    let probes = 0;
    for (const s of specs.filter((s) => s.gen)) {
      const A = build(s);
      for (const [i, j, v] of s.probe!) {
        expect(A.get(i, j)).toBe(v);
        probes++;
      }
    }
    expect(probes).toBeGreaterThan(100);
  });

  describe('lu against scipy.linalg.lu', () => {
    for (const c of [...fixtures.square, ...fixtures.rect]) {
      it(`${c.name}`, () => {
        const A = build(c.a);
        const r = lu(A);
        checkLu(A, r);
        const m = A.rows;
        const n = A.cols;
        const k = Math.min(m, n);
        if (c.exact) {
          // Exact arithmetic: the pivot order (first of equal magnitudes on ties) and every bit match.
          expect(Array.from(r.perm)).toEqual(c.lu.perm);
          expectExactly(r.P.data, c.lu.P);
          expectExactly(r.L.data, c.lu.L);
          expectExactly(r.U.data, c.lu.U);
        } else if (c.lu.compareFactors) {
          expect(Array.from(r.perm)).toEqual(c.lu.perm);
          expectExactly(r.P.data, c.lu.P);
          const re = rowExp(c.a);
          const ce = colExp(c.a);
          const tol = fixtureTol(Math.max(m, n), c.lu.condFactors);
          expectClose(unscaleL(r.L.data, m, k, r.perm, re), unscaleL(c.lu.L, m, k, c.lu.perm, re), tol, 'L');
          expectClose(unscaleU(r.U.data, k, n, r.perm, re, ce), unscaleU(c.lu.U, k, n, c.lu.perm, re, ce), tol, 'U');
        }
        // Otherwise a near-tie in a computed pivot column (Hilbert, Vandermonde, rank-deficient
        // floating-point data): rounding decides the pivot order, checkLu is the test.
      });
    }
  });

  describe('det and slogdet against the exact determinant', () => {
    for (const c of fixtures.square) {
      it(`${c.name}`, () => {
        const A = build(c.a);
        const d = det(A);
        const s = slogdet(A);
        if (c.detExact !== undefined) {
          // LU is exact, so the product of U's diagonal is too: det must be that product exactly
          // (numpy's det, sign * exp(logdet), is not: 104.99999999999997 for diag(3, 5, 7)).
          expect(d === c.detExact).toBe(true);
          if (c.detExact === 0) {
            expect(s.sign === 0).toBe(true); // 0 or -0
            expect(s.logAbsDet).toBe(-Infinity);
          } else {
            expect(s.sign).toBe(Math.sign(c.detExact));
            expect(Math.abs(s.logAbsDet - Math.log(Math.abs(c.detExact)))).toBeLessThanOrEqual(4 * c.n * EPS * Math.max(1, Math.abs(s.logAbsDet)));
          }
          return;
        }
        expect(c.detTrue).not.toBe(0);
        // det(A + dA) with ||dA|| ~ n eps ||A|| moves det by about n cond eps relative; the log of
        // every pivot adds eps |log|u_kk|| (what numpy's exp(sum of logs) costs).
        const sumAbsLog = c.lu.U.filter((_, t) => t % (c.n + 1) === 0).reduce((acc, u) => acc + Math.abs(Math.log(Math.abs(u))), 0);
        const tags = new Set(c.tags);
        const tol = tags.has('det-range') ? 4 * c.n * EPS : C_FIX * c.n * c.condTol * EPS + 4 * EPS * sumAbsLog;
        if (tol < 0.5) {
          expect(Number.isFinite(d)).toBe(true);
          expect(Math.abs(d - c.detTrue) / Math.abs(c.detTrue), `det ${d} vs ${c.detTrue}`).toBeLessThanOrEqual(Math.max(tol, 4 * c.n * EPS));
          expect(s.sign).toBe(Math.sign(c.detTrue));
          expect(Math.abs(s.logAbsDet - c.logAbsDetTrue)).toBeLessThanOrEqual(Math.max(tol, 4 * c.n * EPS) + 4 * EPS * sumAbsLog);
        } else {
          // Numerically singular: the value is noise, but a nonzero pivot row still has a sign.
          expect(Number.isFinite(d)).toBe(true);
          expect(s.sign === 0 || Math.abs(s.sign) === 1).toBe(true);
        }
        expect(Math.sign(d) + 0).toBe(s.sign + 0); // + 0: -0 and 0 are both "no sign"
      });
    }
  });

  describe('solve and inv against numpy.linalg', () => {
    for (const c of fixtures.square) {
      it(`${c.name}${c.singular ? ' (SingularMatrixError)' : ''}`, () => {
        const A = build(c.a);
        const b = build(c.solve.b).data;
        const B = build(c.solve.B);
        if (c.singular === true) {
          // Exact zero pivot, or rcond far below eps (the API's rule; numpy raises only on the first).
          for (const run of [() => solve(A, b), () => solve(A, B), () => inv(A)]) {
            const e = errorOf(run);
            expect(e).toBeInstanceOf(SingularMatrixError);
            expect(e).toBeInstanceOf(LinAlgError);
          }
          return;
        }
        if (c.singular === null) {
          // Rank-deficient in floating point: rounding noise decides; never another kind of failure.
          for (const run of [() => solve(A, b), () => inv(A)]) {
            try {
              const out = run();
              const values = out instanceof Matrix ? out.data : out;
              expect(values.every(Number.isFinite)).toBe(true);
            } catch (e) {
              expect(e).toBeInstanceOf(SingularMatrixError);
            }
          }
          return;
        }
        const n = c.n;
        const re = rowExp(c.a);
        const ce = colExp(c.a);
        const tol = fixtureTol(n, c.condTol);
        const x = solve(A, b);
        expect(x).toBeInstanceOf(Float64Array);
        expect(x.length).toBe(n);
        expectClose(unscaleSolution(x, n, 1, ce), unscaleSolution(c.solve.x!, n, 1, ce), tol, 'x');
        const X = solve(A, B);
        expect(X).toBeInstanceOf(Matrix);
        expect(X.shape).toEqual([n, 3]);
        expectClose(unscaleSolution(X.data, n, 3, ce), unscaleSolution(c.solve.X!, n, 3, ce), tol, 'X');
        const Ai = inv(A);
        expect(Ai.shape).toEqual([n, n]);
        expectClose(unscaleInverse(Ai.data, n, re, ce), unscaleInverse(c.inv!, n, re, ce), tol, 'inv');
        // Residual of the backward-stable solve, independent of the reference.
        const r = matvec(A, x).map((v, i) => v - b[i]);
        expect(vecNormInf(r)).toBeLessThanOrEqual(C_BACKWARD * n * EPS * normInf(A) * vecNormInf(x));
      });
    }
  });

  describe('cholesky against numpy.linalg.cholesky', () => {
    for (const c of fixtures.square.filter((c) => c.cholesky)) {
      it(`${c.name}`, () => {
        const A = build(c.a);
        const L = cholesky(A);
        const n = c.n;
        expect(L.shape).toEqual([n, n]);
        for (let i = 0; i < n; i++) {
          expect(L.get(i, i)).toBeGreaterThan(0);
          for (let j = i + 1; j < n; j++) expect(L.get(i, j) === 0).toBe(true);
        }
        if (c.cholExact) {
          expectExactly(L.data, c.cholesky!);
        } else {
          const re = rowExp(c.a);
          expectClose(unscaleCholesky(L.data, n, re), unscaleCholesky(c.cholesky!, n, re), fixtureTol(n, c.condTol), 'L');
        }
      });
    }
  });

  describe('cholesky of matrices that are not positive definite (numpy raises)', () => {
    for (const c of fixtures.notPositiveDefinite) {
      it(`${c.name}`, () => {
        expect(c.numpyRaises).toBe(true);
        const e = errorOf(() => cholesky(build(c.a)));
        expect(e).toBeInstanceOf(NotPositiveDefiniteError);
        expect(e).toBeInstanceOf(LinAlgError);
        expect(e.message).toMatch(/^cholesky: /);
      });
    }
  });

  describe('solveTriangular against scipy.linalg.solve_triangular', () => {
    for (const c of fixtures.triangular) {
      it(`${c.name}`, () => {
        // T holds garbage in the triangle that is not used (and on the diagonal when unitDiagonal).
        const T = build(c.t);
        const b = build(c.b).data;
        const B = build(c.B);
        const x = asVector(c.options ? solveTriangular(T, b, c.options) : solveTriangular(T, b));
        const X = asMatrix(c.options ? solveTriangular(T, B, c.options) : solveTriangular(T, B));
        expect(x.length).toBe(c.n);
        expect(X.shape).toEqual([c.n, B.cols]);
        if (c.exact) {
          expectExactly(x, c.x);
          expectExactly(X.data, c.X);
        } else {
          const tol = fixtureTol(c.n, c.cond1);
          expectClose(x, c.x, tol, 'x');
          expectClose(X.data, c.X, tol, 'X');
        }
      });
    }
  });

  describe('det beyond the floating-point range', () => {
    for (const c of fixtures.bigDet) {
      it(`${c.name}`, () => {
        const A = build(c.a);
        const s = slogdet(A);
        const d = det(A);
        expect(s.sign).toBe(c.slogdet.sign);
        expect(Number.isFinite(s.logAbsDet)).toBe(true);
        // A perturbation of n eps ||A|| moves log|det| by about n cond1 eps; each of the n logs of a
        // pivot carries eps |log|u_kk|| (in ours and in numpy's). About 1e-9 absolute here.
        const sumAbsLog = lu(A).U.diagonal().reduce((acc, u) => acc + Math.abs(Math.log(Math.abs(u))), 0);
        expect(Math.abs(s.logAbsDet - c.slogdet.logAbsDet)).toBeLessThanOrEqual(C_FIX * c.n * c.cond1 * EPS + 4 * EPS * sumAbsLog);
        // Like numpy: +-Infinity when log|det| > log(Number.MAX_VALUE), 0 far below the subnormals.
        if (c.det === 0) expect(d === 0).toBe(true);
        else expect(d).toBe(c.slogdet.sign * Infinity);
      });
    }

    it('diag(1e200, 1e200, 1e-200, 1e-200): det ~ 1 although 1e200 * 1e200 overflows', () => {
      const A = Matrix.diag([1e200, 1e200, 1e-200, 1e-200]);
      const truth = fixtures.square.find((c) => c.name.startsWith('diag(1e200'))!.detTrue;
      expect(Math.abs(truth - 1)).toBeLessThan(1e-15);
      const d = det(A);
      expect(Math.abs(d - truth)).toBeLessThanOrEqual(16 * EPS);
      expect(det(Matrix.diag([1e-200, 1e-200, 1e200, 1e200]))).toBeCloseTo(1, 14); // underflow first
      const s = slogdet(A);
      expect(s.sign).toBe(1);
      expect(Math.abs(s.logAbsDet)).toBeLessThanOrEqual(1e-12);
    });

    it('det returns +-Infinity or 0 only when the true value is out of range', () => {
      expect(det(Matrix.diag([1e200, 1e200]))).toBe(Infinity);
      expect(det(Matrix.diag([-1e200, 1e200]))).toBe(-Infinity);
      expect(det(Matrix.diag([1e-200, 1e-200]))).toBe(0);
      expect(Math.abs(det(Matrix.diag([1e300, 1e10, 1e-300])) / 1e10 - 1)).toBeLessThanOrEqual(1e-15); // 1e310 midway
      expect(det(Matrix.diag([2 ** 1000, 2 ** 1000, 2 ** -1000]))).toBe(2 ** 1000);
      expect(det(Matrix.diag([2 ** -1000, 2 ** -74, 2 ** 10]))).toBe(2 ** -1064); // a subnormal result
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Invariants on random input (fast-check)

type Kind = 'normal' | 'integer' | 'lowRank' | 'graded';

/** m x n test matrix: Gaussian, small integers (many exact ties and zero pivots), low rank, or rows graded by 2^-200..2^200. */
function randomMatrix(m: number, n: number, kind: Kind, seed: number): Matrix {
  if (kind === 'integer') return Matrix.random(m, n, { seed }).map((u) => Math.floor(7 * u) - 3);
  if (kind === 'lowRank') {
    const r = Math.max(1, Math.floor(Math.min(m, n) / 3));
    return matmul(Matrix.random(m, r, { seed, distribution: 'normal' }), Matrix.random(r, n, { seed: seed + 1, distribution: 'normal' }));
  }
  const A = Matrix.random(m, n, { seed, distribution: 'normal' });
  if (kind === 'graded') {
    const exps = Matrix.random(m, 1, { seed: seed + 2 }).data.map((u) => Math.round(400 * u) - 200);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) A.data[i * n + j] *= 2 ** exps[i];
  }
  return A;
}

const kinds: Kind[] = ['normal', 'integer', 'lowRank', 'graded'];

describe('invariants (property-based, shapes up to 200)', () => {
  it('lu: P L U = A to 50 n eps, L unit lower with |L| <= 1, U upper, P = perm (any shape, any rank)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(...kinds),
        fc.integer(),
        (m, n, kind, seed) => {
          const A = randomMatrix(m, n, kind, seed);
          const before = A.data.slice();
          checkLu(A, lu(A));
          expect(A.data).toEqual(before); // the input is not overwritten
        },
      ),
      { numRuns: 30 },
    );
  });

  it('solve: ||A x - b|| <= 50 n eps ||A|| ||x|| for vector and matrix right-hand sides', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (n, nrhs, seed) => {
        const A = randomMatrix(n, n, 'normal', seed);
        const b = Matrix.random(n, 1, { seed: seed + 1, distribution: 'normal' }).data;
        const B = Matrix.random(n, nrhs, { seed: seed + 2, distribution: 'normal' });
        const [aBefore, bBefore, BBefore] = [A.data.slice(), b.slice(), B.data.slice()];
        const normA = normInf(A);
        const x = solve(A, b);
        const r = matvec(A, x).map((v, i) => v - b[i]);
        expect(vecNormInf(r)).toBeLessThanOrEqual(C_BACKWARD * n * EPS * normA * vecNormInf(x));
        const X = solve(A, B);
        expect(X.shape).toEqual([n, nrhs]);
        const R = matmul(A, X).sub(B);
        for (let j = 0; j < nrhs; j++) {
          expect(vecNormInf(R.col(j))).toBeLessThanOrEqual(C_BACKWARD * n * EPS * normA * vecNormInf(X.col(j)));
        }
        expect(A.data).toEqual(aBefore);
        expect(b).toEqual(bBefore);
        expect(B.data).toEqual(BBefore);
      }),
      { numRuns: 30 },
    );
  });

  it('inv: ||inv(A) A - I|| and ||A inv(A) - I|| <= 50 n eps cond1(A)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer(), (n, seed) => {
        const A = randomMatrix(n, n, 'normal', seed);
        const X = inv(A);
        const cond = norm1(A) * norm1(X);
        const I = Matrix.eye(n);
        expect(norm1(matmul(X, A).sub(I))).toBeLessThanOrEqual(C_BACKWARD * n * EPS * cond);
        expect(norm1(matmul(A, X).sub(I))).toBeLessThanOrEqual(C_BACKWARD * n * EPS * cond);
      }),
      { numRuns: 25 },
    );
  });

  it('det and slogdet: the permutation sign times the product of U diagonal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.constantFrom(...kinds), fc.integer(), (n, kind, seed) => {
        const A = randomMatrix(n, n, kind, seed);
        // Assumes det, slogdet and lu share one deterministic factorization (same pivots, same U).
        const { U, perm } = lu(A);
        const diag = U.diagonal();
        const d = det(A);
        const s = slogdet(A);
        if (diag.some((u) => u === 0)) {
          expect(d === 0).toBe(true);
          expect(s.sign === 0).toBe(true); // 0 or -0
          expect(s.logAbsDet).toBe(-Infinity);
          return;
        }
        const expected = permutationSign(perm) * scaledProduct(diag); // graded rows: may be out of range
        if (!Number.isFinite(expected)) expect(d).toBe(expected);
        else if (Math.abs(expected) < 2 ** -1022) expect(Math.abs(d - expected)).toBeLessThanOrEqual(2 ** -1070); // subnormal or 0
        else expect(Math.abs(d - expected)).toBeLessThanOrEqual(2 * n * EPS * Math.abs(expected));
        let logSum = 0;
        let sumAbsLog = 0;
        let sign = permutationSign(perm);
        for (const u of diag) {
          logSum += Math.log(Math.abs(u));
          sumAbsLog += Math.abs(Math.log(Math.abs(u)));
          if (u < 0) sign = -sign;
        }
        expect(s.sign).toBe(sign); // even when det underflows to 0 (low rank: tiny noise pivots)
        expect(Math.abs(s.logAbsDet - logSum)).toBeLessThanOrEqual(4 * n * EPS * (sumAbsLog + 1));
      }),
      { numRuns: 30 },
    );
  });

  it('cholesky: L Lᵀ = A to 50 n eps, L lower with a positive diagonal, only the lower triangle of A is read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer(), (n, seed) => {
        const G = Matrix.random(n, n + 5, { seed, distribution: 'normal' });
        const A = gram(G, { of: 'rows' }); // exactly symmetric, positive definite
        const L = cholesky(A);
        for (let i = 0; i < n; i++) {
          if (!(L.data[i * n + i] > 0)) throw new Error(`L[${i}][${i}] = ${L.data[i * n + i]}`);
          for (let j = i + 1; j < n; j++) if (L.data[i * n + j] !== 0) throw new Error(`L[${i}][${j}] = ${L.data[i * n + j]} above the diagonal`);
        }
        const E = matmul(L, L, { transB: true }).sub(A);
        expect(frobenius(E.data)).toBeLessThanOrEqual(C_BACKWARD * n * EPS * frobenius(A.data));
        // Garbage above the diagonal changes nothing, bit for bit.
        const junk = A.clone();
        const noise = Matrix.random(n, n, { seed: seed + 3, distribution: 'normal' });
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) junk.data[i * n + j] = 1e3 * noise.data[i * n + j];
        expect(cholesky(junk).equals(L)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('solveTriangular: ||op(T) x - b|| <= 50 n eps ||op(T)|| ||x||, the other triangle is never read', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 4 }), // 0: a vector right-hand side
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (n, nrhs, lower, trans, unitDiagonal, seed) => {
          // A well-conditioned triangle (diagonal +-[1, 2), off-diagonal entries of size 1/n), and
          // large garbage in the other triangle (and on the diagonal when unitDiagonal).
          const T = Matrix.random(n, n, { seed, distribution: 'normal' });
          const eff = new Matrix(n, n);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              const t = i * n + j;
              const inTriangle = lower ? j < i : j > i;
              if (i === j) {
                if (!unitDiagonal) T.data[t] = (i % 2 ? -1 : 1) * (1 + Math.abs(T.data[t]) / (1 + Math.abs(T.data[t])));
                else T.data[t] *= 100;
                eff.data[t] = unitDiagonal ? 1 : T.data[t];
              } else if (inTriangle) {
                T.data[t] /= n;
                eff.data[t] = T.data[t];
              } else {
                T.data[t] *= 1e3;
              }
            }
          }
          const op = trans ? eff.T : eff;
          const opts = { lower, trans, unitDiagonal };
          const before = T.data.slice();
          if (nrhs === 0) {
            const b = Matrix.random(n, 1, { seed: seed + 1, distribution: 'normal' }).data;
            const x = asVector(solveTriangular(T, b, opts));
            const r = matvec(op, x).map((v, i) => v - b[i]);
            expect(vecNormInf(r)).toBeLessThanOrEqual(C_BACKWARD * n * EPS * normInf(op) * vecNormInf(x));
          } else {
            const B = Matrix.random(n, nrhs, { seed: seed + 1, distribution: 'normal' });
            const X = asMatrix(solveTriangular(T, B, opts));
            expect(X.shape).toEqual([n, nrhs]);
            const R = matmul(op, X).sub(B);
            for (let j = 0; j < nrhs; j++) {
              expect(vecNormInf(R.col(j))).toBeLessThanOrEqual(C_BACKWARD * n * EPS * normInf(op) * vecNormInf(X.col(j)));
            }
          }
          expect(T.data).toEqual(before);
        },
      ),
      { numRuns: 40 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Input forms and the error contract

describe('inputs and outputs', () => {
  it('accepts number[][] and number[]; vector in, vector out; matrix in, matrix out', () => {
    const A = [[4, 1], [2, 3]];
    const x = solve(A, [1, 2]);
    expect(x).toBeInstanceOf(Float64Array);
    expect(maxRelDiff(x, new Float64Array([0.1, 0.6]))).toBeLessThanOrEqual(4 * EPS);
    const X = solve(A, [[1], [2]]);
    expect(X).toBeInstanceOf(Matrix);
    expect(X.shape).toEqual([2, 1]); // an n x 1 matrix stays a matrix, as in numpy
    expect(maxRelDiff(X.data, new Float64Array([0.1, 0.6]))).toBeLessThanOrEqual(4 * EPS);
    expect(det(A)).toBe(10);
    const s = slogdet(A);
    expect(s.sign).toBe(1);
    expect(Math.abs(s.logAbsDet - Math.log(10))).toBeLessThanOrEqual(4 * EPS);
    expect(maxRelDiff(inv(A), Matrix.from([[0.3, -0.1], [-0.2, 0.4]]))).toBeLessThanOrEqual(4 * EPS);
    expect(cholesky([[4, 2], [2, 17]]).toArray()).toEqual([[2, 0], [1, 4]]);
    const r = lu([[1, 2], [3, 4]]);
    expect(Array.from(r.perm)).toEqual([1, 0]);
    expect(r.P.toArray()).toEqual([[0, 1], [1, 0]]);
    expect(r.U.toArray()).toEqual([[3, 4], [0, 2 - (1 / 3) * 4]]);
    expect(asVector(solveTriangular([[2, 1], [0, 4]], [4, 8]))).toEqual(new Float64Array([1, 2])); // default: upper
    expect(asVector(solveTriangular([[2, 99], [1, 4]], [2, 9], { lower: true }))).toEqual(new Float64Array([1, 2]));
    expect(asVector(solveTriangular([[2, 99], [1, 4]], [4, 8], { lower: true, trans: true }))).toEqual(new Float64Array([1, 2]));
    expect(asVector(solveTriangular([[5, 99], [1, 5]], [1, 3], { lower: true, unitDiagonal: true }))).toEqual(new Float64Array([1, 2]));
  });

  it('never modifies its inputs', () => {
    const A = [[2, 2, 1], [3, 1, 0], [1, 1, 4]];
    const S = [[4, 2, 0], [2, 5, 1], [0, 1, 3]];
    const copyA = structuredClone(A);
    const copyS = structuredClone(S);
    const b = [1, 2, 3];
    const M = Matrix.from(A);
    lu(A);
    lu(M);
    solve(A, b);
    solve(M, [[1, 2], [3, 4], [5, 6]]);
    inv(M);
    det(M);
    slogdet(A);
    cholesky(S);
    solveTriangular(A, b);
    expect(A).toEqual(copyA);
    expect(S).toEqual(copyS);
    expect(M.toArray()).toEqual(copyA);
    expect(b).toEqual([1, 2, 3]);
  });

  it('empty matrices follow numpy: det 1, slogdet (1, 0), empty inverse, solution and factor', () => {
    const E = new Matrix(0, 0);
    expect(det(E)).toBe(1);
    const s = slogdet(E);
    expect(s.sign === 1 && s.logAbsDet === 0).toBe(true);
    expect(inv(E).shape).toEqual([0, 0]);
    expect(solve(E, new Float64Array(0)).length).toBe(0);
    expect(cholesky(E).shape).toEqual([0, 0]);
  });
});

describe('errors', () => {
  const square = Matrix.from([[2, 1, 0], [1, 3, 1], [0, 1, 4]]);

  it('ShapeError for a non-square matrix where a square one is needed, naming the operation and the shape', () => {
    const wide = Matrix.ones(2, 3);
    const cases: [string, () => unknown][] = [
      ['solve', () => solve(wide, [1, 2])],
      ['solve', () => solve(wide, Matrix.ones(2, 1))],
      ['inv', () => inv(wide)],
      ['det', () => det(wide)],
      ['slogdet', () => slogdet(wide)],
      ['cholesky', () => cholesky(wide)],
      ['solveTriangular', () => solveTriangular(wide, [1, 2])],
    ];
    for (const [op, run] of cases) {
      const e = errorOf(run);
      expect(e, op).toBeInstanceOf(ShapeError);
      expect(e).toBeInstanceOf(LinAlgError);
      expect(e.message).toMatch(new RegExp(`^${op}: `));
      expect(e.message).toContain('2x3');
    }
  });

  it('ShapeError for a right-hand side that does not fit', () => {
    const cases: [string, () => unknown][] = [
      ['solve', () => solve(square, [1, 2])],
      ['solve', () => solve(square, [1, 2, 3, 4])],
      ['solve', () => solve(square, Matrix.ones(2, 2))],
      ['solveTriangular', () => solveTriangular(square, [1, 2])],
      ['solveTriangular', () => solveTriangular(square, Matrix.ones(4, 1), { lower: true })],
    ];
    for (const [op, run] of cases) {
      const e = errorOf(run);
      expect(e).toBeInstanceOf(ShapeError);
      expect(e.message).toMatch(new RegExp(`^${op}: `));
    }
  });

  it('SingularMatrixError from solve and inv: exactly singular, and numerically singular (rcond < eps)', () => {
    const exact = [[1, 2], [2, 4]];
    // A 1e-20 pivot that no row or column scaling removes: the equilibrated rcond is ~1e-20.
    const tiny = [[0, 0, 3, 1], [1, 2, -1, 4], [0, 1e-20, 1, 1], [0, 0, 0, -2]];
    for (const A of [exact, tiny, Matrix.zeros(3, 3)]) {
      const n = A instanceof Matrix ? A.rows : A.length;
      const s = errorOf(() => solve(A, new Float64Array(n).fill(1)));
      expect(s).toBeInstanceOf(SingularMatrixError);
      expect(s).toBeInstanceOf(LinAlgError);
      expect(s.message).toMatch(/^solve: /);
      const i = errorOf(() => inv(A));
      expect(i).toBeInstanceOf(SingularMatrixError);
      expect(i.message).toMatch(/^inv: /);
    }
    // Graded but well-scaled systems are solved exactly, as numpy does (the rcond test equilibrates).
    expect(Array.from(solve(Matrix.diag([1, 1e-20]), [1, 1]))).toEqual([1, 1e20]);
    expect(inv(Matrix.diag([1e200, 1e-200])).toArray()).toEqual([[1e-200, 0], [0, 1e200]]);
    // det and slogdet of a singular matrix are values, not errors; lu factors it (like scipy).
    expect(det(exact) === 0).toBe(true);
    const s = slogdet(exact);
    expect(s.sign === 0 && s.logAbsDet === -Infinity).toBe(true);
    checkLu(Matrix.from(exact), lu(exact));
  });

  it('SingularMatrixError from solveTriangular on a zero diagonal (scipy raises), unless unitDiagonal', () => {
    const T = [[1, 2], [0, 0]];
    const e = errorOf(() => solveTriangular(T, [1, 1]));
    expect(e).toBeInstanceOf(SingularMatrixError);
    expect(e.message).toMatch(/^solveTriangular: /);
    expect(asVector(solveTriangular(T, [3, 1], { unitDiagonal: true }))).toEqual(new Float64Array([1, 1]));
  });

  it('NotPositiveDefiniteError from cholesky names the operation; a non-symmetric matrix is not an error (lower triangle read)', () => {
    const e = errorOf(() => cholesky([[1, 2], [2, 1]]));
    expect(e).toBeInstanceOf(NotPositiveDefiniteError);
    expect(e.message).toMatch(/^cholesky: /);
    expect(cholesky([[4, -7], [2, 17]]).toArray()).toEqual([[2, 0], [1, 4]]);
  });

  it('NonFiniteError for NaN or +-Infinity in any input, naming the operation', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const A = square.clone().set(2, 1, bad); // in the lower triangle: read by every function
      const b = [1, bad, 3];
      const cases: [string, () => unknown][] = [
        ['lu', () => lu(A)],
        ['solve', () => solve(A, [1, 2, 3])],
        ['solve', () => solve(square, b)],
        ['solve', () => solve(square, Matrix.from([[1], [bad], [3]]))],
        ['inv', () => inv(A)],
        ['det', () => det(A)],
        ['slogdet', () => slogdet(A)],
        ['cholesky', () => cholesky(A)],
        ['solveTriangular', () => solveTriangular(A, [1, 2, 3], { lower: true })],
        ['solveTriangular', () => solveTriangular(square, b)],
      ];
      for (const [op, run] of cases) {
        const e = errorOf(run);
        expect(e, `${op} with ${bad}`).toBeInstanceOf(NonFiniteError);
        expect(e).toBeInstanceOf(LinAlgError);
        expect(e.message).toMatch(new RegExp(`^${op}: `));
      }
    }
  });

  it('TypeError for non-numeric input', () => {
    expect(errorOf(() => lu([[1, 'a' as unknown as number]]))).toBeInstanceOf(TypeError);
    expect(errorOf(() => solve([[1]], ['x' as unknown as number]))).toBeInstanceOf(TypeError);
    expect(errorOf(() => det('A' as unknown as number[][]))).toBeInstanceOf(TypeError);
  });
});
