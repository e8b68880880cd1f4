// eig / eigvals: the general real eigenproblem.
//
// 1. Agreement with numpy/scipy (test/fixtures/numpy-eig.json, written by
//    test/fixtures/generate_eig.py; its docstring documents every field).
// 2. Invariants on every result: the complex residual ||A V - V diag(w)||_F / ||A||_F, unit 2-norm
//    columns, conjugate pairs adjacent (positive imaginary part first, exact conjugates), and the
//    sign/phase rule (each vector's entry of largest modulus is real and positive).
// 3. Hard inputs (defective, repeated, cyclic, triangular, graded, 1e±300), the course's examples,
//    random matrices up to 150 (fast-check), other blockings of the kernels, the error contract.
//
// Tolerances. dgeev is backward stable: the computed (w_i, v_i) are exact for some A + E with
// ||E|| <= c n eps ||A||, so the residual is at most about that (the brief's bound: 100 n eps,
// measured: below 0.5 n eps), and an eigenvalue moves by at most about cond_i ||E||, cond_i the
// eigenvalue condition number (scipy's, in the fixture). Two backward-stable solvers may differ by
// twice that: eigenvalues are compared with 100 n eps cond_i ||A||_F (relative to ||A||, with a
// floor of 1e-14). A defective eigenvalue of multiplicity m moves by about (eps ||A||)^(1/m).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { ConvergenceError, eig, eigvals, type EigResult, LinAlgError, matmul, Matrix, NonFiniteError, ShapeError } from '../../src/index.js';
import { eigBlocking } from '../../src/core/kernels/eig.js';
import { errorOf } from '../helpers.js';
import { L6 } from '../../src/assignments/linear-algebra/reproduce-pagerank.js';

const EPS = 2 ** -52;
/** The brief's residual bound: ||A V - V diag(w)|| / ||A|| <= C_RESIDUAL n eps. */
const C_RESIDUAL = 100;
/** Eigenvalue agreement: C_VALUES n eps cond_i ||A||_F. */
const C_VALUES = 100;

// ---- Measures ------------------------------------------------------------------------------

/** max |a_ij| (0 for an empty matrix). */
function maxAbs(x: Float64Array): number {
  let m = 0;
  for (const v of x) m = Math.max(m, Math.abs(v));
  return m;
}

/** Frobenius norm, scaled so that entries near 1e±300 neither overflow nor underflow. */
function normF(x: Float64Array): number {
  const m = maxAbs(x);
  if (m === 0) return 0;
  let s = 0;
  for (const v of x) s += (v / m) ** 2;
  return m * Math.sqrt(s);
}

/**
 * ||A V - V diag(w)||_F / ||A||_F in complex arithmetic, computed on A / max|A| (and w / max|A|)
 * so that 1e±300 entries are safe. 0 for a zero A with an exact zero residual.
 */
function residual(A: Matrix, r: EigResult): number {
  const n = A.rows;
  if (n === 0) return 0;
  // scale by an exact power of two near 1 / max|A| (1 / max|A| itself may overflow)
  const m = maxAbs(A.data);
  const e = m === 0 ? 0 : Math.floor(Math.log2(m));
  const As = A.map((x) => ldexp(x, -e));
  const { re: Vr, im: Vi } = r.vectors;
  const AVr = matmul(As, Vr);
  const AVi = matmul(As, Vi);
  const diff = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const wr = ldexp(r.values.re[j], -e);
      const wi = ldexp(r.values.im[j], -e);
      const vr = Vr.data[i * n + j];
      const vi = Vi.data[i * n + j];
      diff[2 * (i * n + j)] = AVr.data[i * n + j] - (wr * vr - wi * vi);
      diff[2 * (i * n + j) + 1] = AVi.data[i * n + j] - (wr * vi + wi * vr);
    }
  }
  const a = normF(As.data);
  return a === 0 ? normF(diff) : normF(diff) / a;
}

/** Every structural promise of eig's result; returns the residual. */
function expectValidEig(A: Matrix, r: EigResult, residualBound = C_RESIDUAL * Math.max(A.rows, 1) * EPS): number {
  const n = A.rows;
  const { re, im } = r.values;
  expect(re.length).toBe(n);
  expect(im.length).toBe(n);
  expect(r.vectors.re.shape).toEqual([n, n]);
  expect(r.vectors.im.shape).toEqual([n, n]);
  const Vr = r.vectors.re.data;
  const Vi = r.vectors.im.data;
  for (const x of [re, im, Vr, Vi]) expect(x.every(Number.isFinite)).toBe(true);
  for (let j = 0; j < n; j++) {
    if (im[j] !== 0) {
      // a conjugate pair: positive imaginary part first, exact conjugates, conjugate vectors
      expect(im[j]).toBeGreaterThan(0);
      expect(j + 1).toBeLessThan(n);
      expect(re[j + 1]).toBe(re[j]);
      expect(im[j + 1]).toBe(-im[j]);
      // (one expect per column: n^2 expect calls would dominate the run time at n = 650)
      let conjugate = true;
      for (let i = 0; i < n; i++) conjugate &&= Vr[i * n + j + 1] === Vr[i * n + j] && Vi[i * n + j + 1] === -Vi[i * n + j];
      expect(conjugate, `column ${j + 1} is the conjugate of column ${j}`).toBe(true);
    } else {
      // a real eigenvalue has a real eigenvector
      let real = true;
      for (let i = 0; i < n; i++) real &&= Vi[i * n + j] === 0;
      expect(real, `column ${j} is real`).toBe(true);
    }
    // unit 2-norm
    let s = 0;
    let top = 0;
    const mod = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      mod[i] = Math.hypot(Vr[i * n + j], Vi[i * n + j]);
      s += mod[i] * mod[i];
      top = Math.max(top, mod[i]);
    }
    expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThanOrEqual(4 * n * EPS);
    // sign/phase: the first entry of largest modulus (ties: within 16 ulps) is real and positive;
    // the margins allow for the moduli being computed before and after the rotation
    const k = mod.findIndex((m) => m >= top * (1 - 8 * EPS));
    const pivot = Array.from(mod).findIndex((m, i) => Vi[i * n + j] === 0 && Vr[i * n + j] > 0 && m >= top * (1 - 24 * EPS));
    expect(pivot).toBeGreaterThanOrEqual(0);
    expect(pivot).toBeLessThanOrEqual(k);
    if (im[j] !== 0) j++;
  }
  const res = residual(A, r);
  expect(res).toBeLessThanOrEqual(residualBound);
  return res;
}

/**
 * Matches the eigenvalues `got` to the reference ones as multisets: each reference eigenvalue i
 * takes the nearest unmatched computed one, which must lie within tol[i]. Reference eigenvalues
 * with the smallest tolerance go first.
 */
function expectMatching(got: { re: Float64Array; im: Float64Array }, ref: { re: number[]; im: number[] }, tol: number[]): number {
  const n = ref.re.length;
  expect(got.re.length).toBe(n);
  const used = new Array<boolean>(n).fill(false);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => tol[a] - tol[b]);
  let worst = 0;
  for (const i of order) {
    let best = Infinity;
    let at = -1;
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      const d = Math.hypot(got.re[j] - ref.re[i], got.im[j] - ref.im[i]);
      if (d < best) {
        best = d;
        at = j;
      }
    }
    used[at] = true;
    worst = Math.max(worst, best / tol[i]);
    expect(best).toBeLessThanOrEqual(tol[i]);
  }
  return worst;
}

// ---- Fixtures --------------------------------------------------------------------------------

interface Fixture {
  name: string;
  n: number;
  data?: number[];
  gen?: 'uniform';
  seed?: number;
  rowExp?: number[];
  colExp?: number[];
  re: number[];
  im: number[];
  residual: number;
  cond: (number | null)[];
  normF: number;
  condTol: (number | null)[];
  normTol: number;
  exact?: [number, number][];
  vectors?: { re: number[]; im: number[] };
  vecCond?: (number | null)[];
  phaseGap?: number[];
}

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/numpy-eig.json', import.meta.url), 'utf8')) as {
  numpy: string;
  cases: Fixture[];
};

/** x 2^k exactly (two power-of-two steps, for |k| up to about 2000). */
function ldexp(x: number, k: number): number {
  const h = Math.trunc(k / 2);
  return x * 2 ** h * 2 ** (k - h);
}

/** Park-Miller uniform (x / 2^30 - 1), as test/fixtures/generate_eig.py. */
function parkMillerUniform(n: number, seed: number): Float64Array {
  const out = new Float64Array(n * n);
  let x = seed;
  for (let t = 0; t < n * n; t++) {
    x = (16807 * x) % 2147483647;
    out[t] = x / 2 ** 30 - 1;
  }
  return out;
}

function fixtureMatrix(c: Fixture): Matrix {
  const n = c.n;
  const data = c.data ? Float64Array.from(c.data) : parkMillerUniform(n, c.seed!);
  if (c.rowExp || c.colExp) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = ldexp(data[i * n + j], (c.rowExp?.[i] ?? 0) + (c.colExp?.[j] ?? 0));
  }
  return new Matrix(n, n, data);
}

/** Tolerance of a defective eigenvalue of multiplicity m: (eps ||A||)^(1/m) up to a constant. */
function defectiveTol(m: number, norm: number): number {
  return 10 * (C_VALUES * EPS) ** (1 / m) * Math.max(norm, 1);
}

describe(`eig against numpy ${fixtures.numpy} (test/fixtures/numpy-eig.json)`, () => {
  for (const c of fixtures.cases) {
    it(`${c.name} (${c.n}x${c.n})`, () => {
      const A = fixtureMatrix(c);
      const n = c.n;
      const r = eig(A);
      // Balancing trades the normwise residual of graded matrices for accurate eigenvalues (numpy:
      // up to 1e5 n eps on the row-graded cases): there, no worse than 10 times numpy's residual.
      expectValidEig(A, r, Math.max(C_RESIDUAL * n * EPS, 10 * c.residual));
      const scale = Math.max(...c.re.map((x, i) => Math.hypot(x, c.im[i])), 0);
      // eigenvalues, as multisets, within the condition-scaled bound
      if (c.exact) {
        // known values; a defective one of multiplicity m moves by about (eps ||A||)^(1/m)
        const mult = c.exact.map(([x, y]) => c.exact!.filter(([u, v]) => u === x && v === y).length);
        const tol = mult.map((m) => (m === 1 ? Math.max(1e-14 * Math.max(scale, 1), C_VALUES * n * EPS * c.normF * 1e10) : defectiveTol(m, c.normTol)));
        if (c.name.startsWith('Wilkinson')) tol.fill(1e-7 * scale); // cond up to 3e10 (numpy: 3e-9)
        if (c.name.startsWith('repeated') || c.name.startsWith('identity') || c.name.startsWith('zero') || c.name.startsWith('cyclic')) {
          tol.fill(1e-13 * Math.max(scale, 1)); // diagonalizable (normal or well-conditioned basis): no loss
        }
        expectMatching(r.values, { re: c.exact.map((e) => e[0]), im: c.exact.map((e) => e[1]) }, tol);
      }
      if (c.condTol.every((k) => k !== null && k < 1e8)) {
        const tol = c.condTol.map((k) => Math.max(1e-14 * scale, C_VALUES * n * EPS * k! * c.normTol));
        expectMatching(r.values, c, tol);
      }
      // eigenvectors against numpy's (normalized by the same rule), where they are well determined
      if (c.vectors) {
        const Vr = r.vectors.re.data;
        const Vi = r.vectors.im.data;
        for (let j = 0; j < n; j++) {
          const vc = c.vecCond![j];
          if (vc === null || vc * n * EPS > 1e-6) continue;
          const tol = Math.max(1e-13, C_VALUES * n * EPS * vc);
          // match our column to numpy's by eigenvalue
          let jj = 0;
          let best = Infinity;
          for (let q = 0; q < n; q++) {
            const d = Math.hypot(r.values.re[q] - c.re[j], r.values.im[q] - c.im[j]);
            if (d < best) {
              best = d;
              jj = q;
            }
          }
          // phase-free: |<v_numpy, v>| = 1
          let dr = 0;
          let di = 0;
          for (let i = 0; i < n; i++) {
            const ar = c.vectors.re[i * n + j];
            const ai = c.vectors.im[i * n + j];
            dr += ar * Vr[i * n + jj] + ai * Vi[i * n + jj];
            di += ar * Vi[i * n + jj] - ai * Vr[i * n + jj];
          }
          expect(Math.abs(Math.hypot(dr, di) - 1)).toBeLessThanOrEqual(tol);
          // entrywise, when the phase rule's pivot entry is clear
          if (c.phaseGap![j] > 100 * tol) {
            for (let i = 0; i < n; i++) {
              expect(Math.abs(Vr[i * n + jj] - c.vectors.re[i * n + j])).toBeLessThanOrEqual(tol);
              expect(Math.abs(Vi[i * n + jj] - c.vectors.im[i * n + j])).toBeLessThanOrEqual(tol);
            }
          }
        }
      }
      // eigvals: the same eigenvalues (computed without the Schur vectors, so not bit for bit)
      const w = eigvals(A);
      const tolSelf = Array.from({ length: n }, (_, i) => {
        const k = c.condTol[i];
        return k === null || k >= 1e8 ? defectiveTol(n, c.normTol) : Math.max(1e-14 * scale, C_VALUES * n * EPS * k * c.normTol);
      });
      expectMatching(w, { re: Array.from(r.values.re), im: Array.from(r.values.im) }, tolSelf);
      for (let j = 0; j < n; j++) {
        if (w.im[j] > 0) {
          expect(w.im[j + 1]).toBe(-w.im[j]);
          expect(w.re[j + 1]).toBe(w.re[j]);
          j++;
        } else {
          expect(w.im[j]).toBe(0);
        }
      }
    });
  }
});

// ---- The course's examples ---------------------------------------------------------------------

describe('the course: PageRank L6 and the sextic companion matrix', () => {
  it('L6: eigenvalues 1, -0.54288045 ± 0.30393757i, 0.31416979, -0.2284089, 0 (ASSIGNMENTS.md)', () => {
    const r = eig(L6);
    expectValidEig(Matrix.from(L6), r);
    const ref = { re: [1, -0.54288045, -0.54288045, 0.31416979, -0.2284089, 0], im: [0, 0.30393757, -0.30393757, 0, 0, 0] };
    expectMatching(r.values, ref, new Array(6).fill(1e-8));
    // the principal eigenvector, scaled to sum 100, is [16, 16/3, 40, 76/3, 0, 40/3]
    const j = r.values.re.findIndex((x, i) => Math.abs(x - 1) < 1e-12 && r.values.im[i] === 0);
    const v = Array.from({ length: 6 }, (_, i) => r.vectors.re.get(i, j));
    const sum = v.reduce((a, b) => a + b, 0);
    const expected = [16, 16 / 3, 40, 76 / 3, 0, 40 / 3];
    for (let i = 0; i < 6; i++) expect(Math.abs((100 * v[i]) / sum - expected[i])).toBeLessThanOrEqual(1e-12);
    // ranking C, D, A, F, B, E
    const order = Array.from({ length: 6 }, (_, i) => i).sort((a, b) => v[b] - v[a]);
    expect(order.map((i) => 'ABCDEF'[i]).join('')).toBe('CDAFBE');
  });

  it('sextic x^6/6 - 3x^4 - 2x^3/3 + 27x^2/2 + 18x - 30: two real roots and two complex pairs, |f(root)| < 1e-10', () => {
    const c = [1 / 6, 0, -3, -2 / 3, 27 / 2, 18, -30].map((x) => x * 6); // monic
    const C = Matrix.zeros(6, 6);
    for (let j = 0; j < 6; j++) C.set(0, j, -c[j + 1]);
    for (let i = 1; i < 6; i++) C.set(i, i - 1, 1);
    const r = eig(C);
    expectValidEig(C, r);
    const real = Array.from(r.values.im).filter((x) => x === 0).length;
    expect(real).toBe(2);
    expect(Array.from(r.values.im).filter((x) => x > 0).length).toBe(2);
    for (let j = 0; j < 6; j++) {
      // f(z) by Horner in complex arithmetic
      let fr = 0;
      let fi = 0;
      for (const a of [1 / 6, 0, -3, -2 / 3, 27 / 2, 18, -30]) {
        const t = fr * r.values.re[j] - fi * r.values.im[j] + a;
        fi = fr * r.values.im[j] + fi * r.values.re[j];
        fr = t;
      }
      expect(Math.hypot(fr, fi)).toBeLessThan(1e-10);
    }
  });
});

// ---- Hard inputs -------------------------------------------------------------------------------

/** Orthogonal Q from the QR of a seeded normal matrix (Gram-Schmidt in double is enough here). */
function orthogonal(n: number, seed: number): Matrix {
  const G = Matrix.random(n, n, { seed, distribution: 'normal' });
  const Q = Matrix.zeros(n, n);
  for (let j = 0; j < n; j++) {
    const v = G.col(j);
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += Q.get(i, k) * v[i];
        for (let i = 0; i < n; i++) v[i] -= d * Q.get(i, k);
      }
    }
    const nv = Math.hypot(...v);
    for (let i = 0; i < n; i++) Q.set(i, j, v[i] / nv);
  }
  return Q;
}

function jordan(n: number, lambda: number): Matrix {
  const J = Matrix.zeros(n, n);
  for (let i = 0; i < n; i++) {
    J.set(i, i, lambda);
    if (i + 1 < n) J.set(i, i + 1, 1);
  }
  return J;
}

describe('eig on hard inputs', () => {
  it('1x1: the value itself and the vector [1], whatever its sign', () => {
    for (const x of [5, -3.5, 0, 1e-300, -1e300]) {
      const r = eig([[x]]);
      expect(Array.from(r.values.re)).toEqual([x]);
      expect(Array.from(r.values.im)).toEqual([0]);
      expect(r.vectors.re.toArray()).toEqual([[1]]);
      expect(r.vectors.im.toArray()).toEqual([[0]]);
    }
  });

  it('2x2: real pair, complex pair [[a, -b], [b, a]] = a ± ib, rotation by 90 degrees with vectors [1, ∓i]/√2', () => {
    const real = eig([
      [4, 1],
      [2, 3],
    ]);
    expectMatching(real.values, { re: [5, 2], im: [0, 0] }, [1e-15 * 5, 1e-15 * 5]);
    const cpx = eig([
      [1.5, -2],
      [2, 1.5],
    ]);
    expect(Array.from(cpx.values.re)).toEqual([1.5, 1.5]);
    expect(cpx.values.im[0]).toBeCloseTo(2, 15);
    const rot = eig([
      [0, -1],
      [1, 0],
    ]);
    expect(Array.from(rot.values.re)).toEqual([0, 0]);
    expect(Array.from(rot.values.im)).toEqual([1, -1]);
    // A v = i v for v = [1, -i]/sqrt 2: entries of equal modulus, the first is made real positive
    const s = Math.SQRT1_2;
    expect(rot.vectors.re.get(0, 0)).toBeCloseTo(s, 15);
    expect(rot.vectors.im.get(0, 0)).toBe(0);
    expect(rot.vectors.re.get(1, 0)).toBeCloseTo(0, 15);
    expect(rot.vectors.im.get(1, 0)).toBeCloseTo(-s, 15);
    expectValidEig(Matrix.from([[0, -1], [1, 0]]), rot);
  });

  it('identity and zero matrices: exact eigenvalues, identity eigenvectors', () => {
    for (const n of [1, 3, 10, 80]) {
      const I = eig(Matrix.eye(n));
      expect(I.values.re.every((x) => x === 1)).toBe(true);
      expect(I.vectors.re.equals(Matrix.eye(n))).toBe(true);
      const Z = eig(Matrix.zeros(n, n));
      expect(Z.values.re.every((x) => x === 0)).toBe(true);
      expect(Z.vectors.re.equals(Matrix.eye(n))).toBe(true);
      expect(Z.vectors.im.equals(Matrix.zeros(n, n))).toBe(true);
    }
  });

  it('diagonal matrices with repeated values: the diagonal exactly, the unit vectors as eigenvectors', () => {
    for (const d of [[3, 1, 3, 2, 1, 3, -2, 2], [0, 0, 5, 0, 5], [-1, -1, -1, -1], Array.from({ length: 90 }, (_, i) => (i * 7) % 5 - 2)]) {
      const n = d.length;
      const D = Matrix.zeros(n, n);
      for (let i = 0; i < n; i++) D.set(i, i, d[i]);
      const r = eig(D);
      expectValidEig(D, r);
      expect(r.values.im.every((x) => x === 0)).toBe(true);
      expect(Array.from(r.values.re).sort((a, b) => a - b)).toEqual([...d].sort((a, b) => a - b));
      // column j is a unit vector e_k with d_k = w_j, and the columns are a permutation of I
      const seen = new Set<number>();
      for (let j = 0; j < n; j++) {
        const col = Array.from({ length: n }, (_, i) => r.vectors.re.get(i, j));
        const k = col.indexOf(1);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(col.filter((x) => x !== 0).length).toBe(1);
        expect(d[k]).toBe(r.values.re[j]);
        seen.add(k);
      }
      expect(seen.size).toBe(n);
      const w = eigvals(D);
      expect(Array.from(w.re).sort((a, b) => a - b)).toEqual([...d].sort((a, b) => a - b));
    }
  });

  it('rank-deficient matrices: U Vᵀ of rank k has the eigenvalues of Vᵀ U and n - k (semisimple) zeros', () => {
    for (const [n, k, seed] of [[12, 1, 1], [40, 5, 2], [100, 30, 3]]) {
      const U = Matrix.random(n, k, { seed, distribution: 'normal' });
      const V = Matrix.random(n, k, { seed: seed + 100, distribution: 'normal' });
      const A = matmul(U, V, { transB: true });
      const r = eig(A);
      expectValidEig(A, r);
      const small = eig(matmul(V, U, { transA: true }));
      const norm = normF(A.data);
      // the k largest in modulus are Vᵀ U's; the other n - k are zero up to rounding
      const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => Math.hypot(r.values.re[b], r.values.im[b]) - Math.hypot(r.values.re[a], r.values.im[a]));
      const big = idx.slice(0, k);
      expectMatching(
        { re: Float64Array.from(big, (i) => r.values.re[i]), im: Float64Array.from(big, (i) => r.values.im[i]) },
        { re: Array.from(small.values.re), im: Array.from(small.values.im) },
        new Array(k).fill(1e-10 * norm),
      );
      for (const i of idx.slice(k)) expect(Math.hypot(r.values.re[i], r.values.im[i])).toBeLessThanOrEqual(1e-12 * norm);
    }
    // a singular matrix with a repeated row and a zero column: rank n - 2
    const B = Matrix.random(7, 7, { seed: 8, distribution: 'normal' }).map((x, i, j) => (j === 4 ? 0 : i === 6 ? 0 : x));
    for (let j = 0; j < 7; j++) B.set(6, j, B.get(2, j));
    const rb = eig(B);
    expectValidEig(B, rb);
    const zeros = Array.from(rb.values.re, (x, i) => Math.hypot(x, rb.values.im[i])).filter((m) => m <= 1e-13 * normF(B.data));
    expect(zeros.length).toBeGreaterThanOrEqual(2);
  });

  it('triangular matrices: the diagonal exactly (balancing isolates every eigenvalue)', () => {
    for (const n of [2, 7, 40, 120]) {
      const B = Matrix.random(n, n, { seed: n, distribution: 'normal' });
      const U = B.map((x, i, j) => (j >= i ? x : 0));
      const L = B.map((x, i, j) => (j <= i ? x : 0));
      for (const T of [U, L]) {
        const r = eig(T);
        const diag = Array.from({ length: n }, (_, i) => T.get(i, i)).sort((a, b) => a - b);
        expect(Array.from(r.values.re).sort((a, b) => a - b)).toEqual(diag);
        expect(r.values.im.every((x) => x === 0)).toBe(true);
        expectValidEig(T, r);
      }
    }
  });

  it('Jordan blocks (exact and orthogonally similar): no NaN, no hang, eigenvalues within (eps ||A||)^(1/m)', () => {
    for (const m of [2, 3, 5, 8, 16]) {
      for (const lambda of [0, 2, -1e-3]) {
        const J = jordan(m, lambda);
        const rj = eig(J);
        expectValidEig(J, rj);
        expect(Array.from(rj.values.re)).toEqual(new Array(m).fill(lambda)); // triangular: exact
        const Q = orthogonal(m, 7 * m);
        const A = matmul(matmul(Q, J), Q, { transB: true });
        const r = eig(A);
        expectValidEig(A, r);
        const tol = new Array(m).fill(defectiveTol(m, normF(A.data)));
        expectMatching(r.values, { re: new Array(m).fill(lambda), im: new Array(m).fill(0) }, tol);
      }
    }
  });

  it('repeated but diagonalizable (non-normal) eigenvalues: accurate values and small residuals', () => {
    // T upper triangular with diagonal -1 (x10), 0 (x10), 1 (x10) and off-diagonal entries only
    // between different eigenvalues: diagonalizable, not normal; A = Q T Qᵀ
    const n = 30;
    const d = Array.from({ length: n }, (_, i) => Math.floor(i / 10) - 1);
    const R = Matrix.random(n, n, { seed: 4, distribution: 'normal' });
    const T = R.map((x, i, j) => (i === j ? d[i] : j > i && d[i] !== d[j] ? x : 0));
    const Q = orthogonal(n, 3);
    const A = matmul(matmul(Q, T), Q, { transB: true });
    const r = eig(A);
    expectValidEig(A, r);
    expectMatching(r.values, { re: d, im: new Array(n).fill(0) }, new Array(n).fill(1e-12));
  });

  it('cyclic permutation matrices (where unshifted QR stalls): the roots of unity', () => {
    for (const n of [2, 3, 5, 8, 13, 40, 90]) {
      const P = Matrix.zeros(n, n);
      for (let i = 0; i < n; i++) P.set((i + 1) % n, i, 1);
      const r = eig(P);
      expectValidEig(P, r);
      const ref = { re: [] as number[], im: [] as number[] };
      for (let k = 0; k < n; k++) {
        ref.re.push(Math.cos((2 * Math.PI * k) / n));
        ref.im.push(Math.sin((2 * Math.PI * k) / n));
      }
      expectMatching(r.values, ref, new Array(n).fill(1e-13));
    }
  });

  it('companion matrices of polynomials with known roots', () => {
    for (const roots of [[1, 2, 3], [-2, 0.5, 0.5, 4], [1, -1, 2, -2, 3, -3, 0.25]]) {
      // coefficients of prod (x - r)
      let p = [1];
      for (const z of roots) p = [...p, 0].map((c, i) => c - (i > 0 ? z * p[i - 1] : 0));
      const n = roots.length;
      const C = Matrix.zeros(n, n);
      for (let j = 0; j < n; j++) C.set(0, j, -p[j + 1]);
      for (let i = 1; i < n; i++) C.set(i, i - 1, 1);
      const r = eig(C);
      expectValidEig(C, r);
      const mult = roots.map((z) => roots.filter((y) => y === z).length);
      expectMatching(r.values, { re: roots, im: new Array(n).fill(0) }, mult.map((m) => (m > 1 ? 1e-7 : 1e-12)));
    }
  });

  it('entries near 1e300 and 1e-300: the eigenvalues scale, the eigenvectors do not change', () => {
    const B = Matrix.random(9, 9, { seed: 21, distribution: 'normal' });
    const ref = eig(B);
    for (const s of [1e300, 1e-300, 2 ** 1020, 2 ** -1020]) {
      const A = B.scale(s);
      const r = eig(A);
      expectValidEig(A, r);
      const tol = Array.from(ref.values.re, () => 1e-13 * normF(A.data));
      expectMatching(r.values, { re: Array.from(ref.values.re, (x) => x * s), im: Array.from(ref.values.im, (x) => x * s) }, tol);
      const dv = Math.max(maxAbs(r.vectors.re.sub(ref.vectors.re).data), maxAbs(r.vectors.im.sub(ref.vectors.im).data));
      expect(dv).toBeLessThanOrEqual(1e-12);
    }
  });

  it('subnormal entries: computed as the exactly scaled-up matrix, eigenvalues scaled back (to subnormals)', () => {
    const B = Matrix.random(9, 9, { seed: 22, distribution: 'normal' });
    const A = B.map((x) => ldexp(x, -1060)); // subnormal: rounded to about 14 bits
    const up = A.map((x) => ldexp(x, 1060)); // exact
    const r = eig(A);
    const ref = eig(up);
    for (const x of [r.values.re, r.values.im, r.vectors.re.data, r.vectors.im.data]) expect(x.every(Number.isFinite)).toBe(true);
    // eigenvalues: the reference's, rounded to the subnormal grid (spacing 2^-1074)
    const tol = Array.from(ref.values.re, (x, i) => 2 * 2 ** -1074 + 1e-13 * ldexp(Math.hypot(x, ref.values.im[i]), -1060));
    expectMatching(r.values, { re: Array.from(ref.values.re, (x) => ldexp(x, -1060)), im: Array.from(ref.values.im, (x) => ldexp(x, -1060)) }, tol);
    const dv = Math.max(maxAbs(r.vectors.re.sub(ref.vectors.re).data), maxAbs(r.vectors.im.sub(ref.vectors.im).data));
    expect(dv).toBeLessThanOrEqual(1e-12);
  });

  it('graded similarity 2^-40..2^40: the eigenvalues of the unscaled matrix', () => {
    // (Row-graded matrices, whose eigenvalues balancing makes accurate at the price of the
    // normwise residual, are compared with numpy in the fixtures.)
    const n = 24;
    const B = Matrix.random(n, n, { seed: 5, distribution: 'normal' });
    const D = Array.from({ length: n }, (_, i) => 2 ** Math.round(-40 + (80 * i) / (n - 1)));
    const S = B.map((x, i, j) => (x * D[i]) / D[j]); // exactly similar to B
    const rs = eig(S);
    const rb = eig(B);
    expectValidEig(B, rb);
    for (const x of [rs.values.re, rs.values.im, rs.vectors.re.data, rs.vectors.im.data]) expect(x.every(Number.isFinite)).toBe(true);
    expectMatching(rs.values, { re: Array.from(rb.values.re), im: Array.from(rb.values.im) }, new Array(n).fill(1e-12 * normF(B.data)));
  });

  it('matrices with isolated eigenvalues and dangling columns (balancing permutations)', () => {
    const n = 60;
    const A = Matrix.random(n, n, { seed: 9 }).map((x, i, j) => (j % 7 === 3 || i % 11 === 5 ? 0 : x));
    expectValidEig(A, eig(A));
    // column-stochastic with zero columns (PageRank's dangling pages)
    const L = Matrix.random(n, n, { seed: 10 }).map((x, _i, j) => (x < 0.85 || j % 9 === 0 ? 0 : x));
    const sums = L.sum(0) as Float64Array;
    const M = L.map((x, _i, j) => (sums[j] > 0 ? x / sums[j] : 0));
    const r = eig(M);
    expectValidEig(M, r);
    expect(Math.max(...Array.from(r.values.re, (x, i) => Math.hypot(x, r.values.im[i])))).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('larger orders: the multishift QR with aggressive early deflation (n > 75), nested windows (n > 590)', () => {
    for (const [n, seed] of [[76, 1], [200, 2], [650, 3]]) {
      const A = Matrix.random(n, n, { seed, distribution: 'normal' });
      const r = eig(A);
      const res = expectValidEig(A, r);
      expect(res).toBeLessThanOrEqual(2 * n * EPS); // measured well below n eps
      let tr = 0;
      for (let i = 0; i < n; i++) tr += A.get(i, i);
      expect(Math.abs(r.values.re.reduce((a, b) => a + b, 0) - tr)).toBeLessThanOrEqual(n * 100 * EPS * normF(A.data));
    }
  }, 30_000);
});

// ---- Properties --------------------------------------------------------------------------------

describe('eig invariants (property-based, orders up to 150)', () => {
  it('random normal and uniform matrices: residual, unit norms, pairs, phase rule, trace', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.integer(), fc.constantFrom<'normal' | 'uniform'>('normal', 'uniform'), (n, seed, distribution) => {
        const A = Matrix.random(n, n, { seed, distribution });
        const r = eig(A);
        expectValidEig(A, r);
        let tr = 0;
        for (let i = 0; i < n; i++) tr += A.get(i, i);
        const sum = r.values.re.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - tr)).toBeLessThanOrEqual(100 * n * EPS * Math.max(normF(A.data), 1));
        const w = eigvals(A);
        expect(w.re.length).toBe(n);
      }),
      { numRuns: 25 },
    );
  });

  it('small integer matrices (many repeated and defective eigenvalues): finite results, small residuals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.integer({ min: -2, max: 2 }), { minLength: n * n, maxLength: n * n }))), ([n, entries]) => {
        const A = new Matrix(n, n, Float64Array.from(entries));
        expectValidEig(A, eig(A));
        eigvals(A);
      }),
      { numRuns: 200 },
    );
  });
});

describe('eig kernels under other blockings (internal block sizes)', () => {
  const settings = [
    { hessenbergNb: 2, hessenbergNx: 0, trevcNb: 3 },
    { hessenbergNb: 3, hessenbergNx: 5, trevcNb: 4 },
    { hessenbergNb: 8, hessenbergNx: 0, trevcNb: 7 },
    { hessenbergNb: 13, hessenbergNx: 20, trevcNb: 16 },
    { hessenbergNb: 64, hessenbergNx: 0, trevcNb: 128 },
  ];
  for (const setting of settings) {
    it(`Hessenberg nb ${setting.hessenbergNb}, nx ${setting.hessenbergNx}, back-transformation nb ${setting.trevcNb}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 120 }), fc.integer(), (n, seed) => {
          const A = Matrix.random(n, n, { seed, distribution: 'normal' });
          const reference = eig(A);
          const previous = eigBlocking(setting);
          try {
            const r = eig(A);
            expectValidEig(A, r);
            expectMatching(r.values, { re: Array.from(reference.values.re), im: Array.from(reference.values.im) }, new Array(n).fill(1e-10 * Math.max(normF(A.data), 1)));
          } finally {
            eigBlocking(previous);
          }
        }),
        { numRuns: 12 },
      );
    });
  }
});

// ---- Errors and empty input ---------------------------------------------------------------------

describe('eig errors and empty input', () => {
  it('non-square input: ShapeError naming the operation and the shape', () => {
    for (const f of [eig, eigvals]) {
      const e = errorOf(() => f([[1, 2, 3], [4, 5, 6]]));
      expect(e).toBeInstanceOf(ShapeError);
      expect(e.message).toMatch(/^eig(vals)?: A must be square, got 2x3$/);
    }
  });

  it('NaN or Infinity: NonFiniteError naming the entry', () => {
    for (const x of [NaN, Infinity, -Infinity]) {
      const e = errorOf(() => eig([[1, 2], [x, 4]]));
      expect(e).toBeInstanceOf(NonFiniteError);
      expect(e.message).toBe(`eig: A (2x2) has ${x} at (1, 0)`);
      expect(errorOf(() => eigvals([[x]]))).toBeInstanceOf(NonFiniteError);
    }
  });

  it('an eigenvalue beyond float64 (entries near 1e308): LinAlgError, not Infinity', () => {
    for (const f of [eig, eigvals]) {
      const e = errorOf(() => f([[1e308, 1e308], [1e308, 1e308]])); // eigenvalues 2e308 and 0
      expect(e).toBeInstanceOf(LinAlgError);
      expect(e.message).toMatch(/^eig(vals)?: eigenvalue \d of A \(2x2\) exceeds 1\.7976931348623157e\+308/);
    }
    // parts within range (modulus beyond it) are fine: 1.7e308 ± 1.7e308 i
    const r = eig([[1.7e308, -1.7e308], [1.7e308, 1.7e308]]);
    expect(r.values.re[0]).toBe(1.7e308);
    expect(r.values.im[0]).toBeCloseTo(1.7e308, -295);
    expectValidEig(Matrix.from([[1.7e308, -1.7e308], [1.7e308, 1.7e308]]), r);
  });

  it('0x0: empty values and vectors', () => {
    const r = eig(new Matrix(0, 0));
    expect(r.values.re.length).toBe(0);
    expect(r.values.im.length).toBe(0);
    expect(r.vectors.re.shape).toEqual([0, 0]);
    expect(r.vectors.im.shape).toEqual([0, 0]);
    expect(eigvals([]).re.length).toBe(0);
  });

  it('an iteration cap that is reached throws ConvergenceError naming the step (and the engine stays usable)', () => {
    const A = Matrix.random(30, 30, { seed: 1, distribution: 'normal' });
    const B = Matrix.random(100, 100, { seed: 2, distribution: 'normal' });
    const previous = eigBlocking({ iterationFactor: 0 });
    try {
      for (const M of [A, B]) {
        const e = errorOf(() => eig(M));
        expect(e).toBeInstanceOf(ConvergenceError);
        expect(e.message).toMatch(/^eig: the QR iteration to the real Schur form \(Francis double-shift QR, LAPACK dhseqr\) did not converge for the \d+x\d+ matrix/);
        expect(errorOf(() => eigvals(M))).toBeInstanceOf(ConvergenceError);
      }
    } finally {
      eigBlocking(previous);
    }
    expectValidEig(A, eig(A));
  });

  it('accepts number[][] and leaves the input unchanged', () => {
    const rows = [
      [2, 1],
      [1, 2],
    ];
    const A = Matrix.from(rows);
    const copy = A.clone();
    const r = eig(rows);
    eig(A);
    expect(A.equals(copy)).toBe(true);
    expectMatching(r.values, { re: [3, 1], im: [0, 0] }, [1e-15 * 3, 1e-15 * 3]);
  });
});
