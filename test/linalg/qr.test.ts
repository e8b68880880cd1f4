import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { LinAlgError, matmul, Matrix, NonFiniteError, qr, ShapeError } from '../../src/index.js';
import { qrBlocking } from '../../src/core/kernels/qr.js';
import { errorOf } from '../helpers.js';

const EPS = 2 ** -52;

// ---- Measures (scaled so that entries near 1e±300 neither overflow nor underflow) ------------

/** Euclidean norm of the values v[from], v[from + step], ... (count of them), scaled by their max. */
function norm2(v: Float64Array, from = 0, step = 1, count = Math.floor((v.length - from + step - 1) / step)): number {
  let max = 0;
  for (let t = 0; t < count; t++) max = Math.max(max, Math.abs(v[from + t * step]));
  if (max === 0) return 0;
  let s = 0;
  for (let t = 0; t < count; t++) s += (v[from + t * step] / max) ** 2;
  return max * Math.sqrt(s);
}

/** A[:, perm] (columns permuted), or A itself. */
function permuteColumns(A: Matrix, perm?: Int32Array): Matrix {
  if (!perm) return A;
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out[i * A.cols + j] = A.data[i * A.cols + perm[j]];
  return new Matrix(A.rows, A.cols, out);
}

/** ||A[:, perm] - Q R||_F / ||A||_F (0 for a zero A with an exact factorization). */
function backwardError(A: Matrix, Q: Matrix, R: Matrix, perm?: Int32Array): number {
  const diff = matmul(Q, R).sub(permuteColumns(A, perm));
  const a = norm2(A.data);
  return a === 0 ? norm2(diff.data) : norm2(diff.data) / a;
}

/** max over columns j of ||(A[:, perm] - Q R)[:, j]|| / ||A[:, perm[j]]||: the column-wise backward error. */
function columnwiseBackwardError(A: Matrix, Q: Matrix, R: Matrix, perm?: Int32Array): number {
  const Ap = permuteColumns(A, perm);
  const diff = matmul(Q, R).sub(Ap);
  let worst = 0;
  for (let j = 0; j < A.cols; j++) {
    const col = norm2(Ap.data, j, A.cols, A.rows);
    const err = norm2(diff.data, j, A.cols, A.rows);
    worst = Math.max(worst, col === 0 ? err : err / col);
  }
  return worst;
}

/** ||QᵀQ - I||_F. */
function orthogonalityError(Q: Matrix): number {
  return norm2(matmul(Q, Q, { transA: true }).sub(Matrix.eye(Q.cols)).data);
}

/** Entries of R strictly below the diagonal that are not exactly zero. */
function nonzerosBelowDiagonal(R: Matrix): number {
  let count = 0;
  for (let i = 0; i < R.rows; i++) for (let j = 0; j < Math.min(i, R.cols); j++) if (R.get(i, j) !== 0) count++;
  return count;
}

/**
 * Whether |R[i, i]| is non-increasing. The pivot is chosen from downdated column norms, which
 * LAPACK keeps to a relative accuracy of about sqrt(eps) (its tol3z recomputation test), so a
 * later diagonal entry may exceed an earlier one by that much when two columns tie.
 */
function diagonalNonIncreasing(R: Matrix): boolean {
  for (let i = 1; i < Math.min(R.rows, R.cols); i++) {
    if (Math.abs(R.get(i, i)) > Math.abs(R.get(i - 1, i - 1)) * (1 + 1e-7)) return false;
  }
  return true;
}

/** m x n of rank r (r <= min(m, n)): a product of m x r and r x n normal matrices. */
function rankDeficient(m: number, n: number, r: number, seed: number): Matrix {
  return matmul(Matrix.random(m, r, { seed, distribution: 'normal' }), Matrix.random(r, n, { seed: seed + 1, distribution: 'normal' }));
}

/** Scales row i of A by factor(i) (factor(j) for columns when byColumns). */
function graded(A: Matrix, factor: (t: number) => number, byColumns = false): Matrix {
  return new Matrix(A.rows, A.cols, A.data.map((x, t) => x * factor(byColumns ? t % A.cols : Math.floor(t / A.cols))));
}

/** Every invariant of a QR factorization, with the documented bound c * max(m, n) * eps. */
function expectValidQr(A: Matrix, result: { Q?: Matrix; R: Matrix; perm?: Int32Array }, mode: 'reduced' | 'complete'): void {
  const { R, perm } = result;
  const Q = result.Q!;
  const { rows: m, cols: n } = A;
  const k = Math.min(m, n);
  const tol = 50 * Math.max(m, n, 1) * EPS;
  expect(Q.shape).toEqual(mode === 'complete' ? [m, m] : [m, k]);
  expect(R.shape).toEqual(mode === 'complete' ? [m, n] : [k, n]);
  expect(backwardError(A, Q, R, perm)).toBeLessThanOrEqual(tol);
  expect(orthogonalityError(Q)).toBeLessThanOrEqual(tol);
  expect(nonzerosBelowDiagonal(R)).toBe(0);
  if (perm) {
    expect([...perm].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, j) => j));
    expect(diagonalNonIncreasing(R)).toBe(true);
  }
}

// ---- Properties --------------------------------------------------------------------------

describe('qr invariants (property-based, shapes up to 200)', () => {
  const shape = fc.record({
    m: fc.integer({ min: 1, max: 200 }),
    n: fc.integer({ min: 1, max: 200 }),
    seed: fc.integer(),
    mode: fc.constantFrom<'reduced' | 'complete'>('reduced', 'complete'),
    pivoting: fc.boolean(),
  });

  it('full-rank tall, square and wide matrices: backward error, orthogonality, exact zeros below R', () => {
    fc.assert(
      fc.property(shape, ({ m, n, seed, mode, pivoting }) => {
        const A = Matrix.random(m, n, { seed, distribution: 'normal' });
        expectValidQr(A, qr(A, { mode, pivoting }), mode);
      }),
      { numRuns: 60 },
    );
  });

  it('square matrices (n up to 200)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer(), fc.boolean(), (n, seed, pivoting) => {
        const A = Matrix.random(n, n, { seed, distribution: 'uniform' });
        expectValidQr(A, qr(A, { pivoting }), 'reduced');
      }),
      { numRuns: 20 },
    );
  });

  it('rank-deficient matrices keep the invariants, and pivoting reveals the rank in |diag R|', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 200 }), ({ m, n, seed, mode, pivoting }, rSeed) => {
        const k = Math.min(m, n);
        const r = k === 1 ? 1 : 1 + (rSeed % (k - 1)); // 1 <= r < k when k > 1
        const A = rankDeficient(m, n, r, seed);
        const result = qr(A, { mode, pivoting });
        expectValidQr(A, result, mode);
        if (pivoting && r < k) {
          const d = Array.from({ length: k }, (_, i) => Math.abs(result.R.get(i, i)));
          const tol = Math.max(m, n) * EPS * d[0];
          const rank = d.filter((x) => x > 10 * tol).length;
          expect(rank).toBe(r);
          expect(d[r]).toBeLessThanOrEqual(tol);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("mode 'r' returns the same R as 'reduced' and no Q", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 120 }), fc.integer(), fc.boolean(), (m, n, seed, pivoting) => {
        const A = Matrix.random(m, n, { seed, distribution: 'normal' });
        const full = qr(A, { pivoting });
        const rOnly = qr(A, { mode: 'r', pivoting });
        expect('Q' in rOnly).toBe(false);
        expect(rOnly.R.data).toEqual(full.R.data);
        if (pivoting) expect((rOnly as { perm: Int32Array }).perm).toEqual((full as { perm: Int32Array }).perm);
      }),
      { numRuns: 20 },
    );
  });
});

describe('qr on larger and blocked shapes', () => {
  // Shapes around and past the block size and the unblocked crossover, tall and wide.
  const shapes: [number, number][] = [
    [31, 31], [32, 32], [33, 33], [64, 65], [97, 96], [129, 128], [300, 100], [100, 300], [257, 255], [400, 400], [500, 130],
  ];
  for (const [m, n] of shapes) {
    it(`${m}x${n} in every mode`, () => {
      const A = Matrix.random(m, n, { seed: m * 1000 + n, distribution: 'normal' });
      expectValidQr(A, qr(A), 'reduced');
      expectValidQr(A, qr(A, { mode: 'complete' }), 'complete');
      expectValidQr(A, qr(A, { pivoting: true }), 'reduced');
    });
  }

  it('a 300x300 matrix of rank 150 has exactly 150 significant pivots', () => {
    const A = rankDeficient(300, 300, 150, 3);
    const { R } = qr(A, { mode: 'r', pivoting: true });
    const d = Array.from({ length: 300 }, (_, i) => Math.abs(R.get(i, i)));
    expect(d[149] / d[0]).toBeGreaterThan(1e-6);
    expect(d[150] / d[0]).toBeLessThan(300 * EPS);
  });
});

describe('qr on graded and extreme-scale matrices', () => {
  // Householder QR is column-wise backward stable (Higham, Accuracy and Stability of Numerical
  // Algorithms, 2nd ed., Thm 19.4): A + ΔA = Q R with ||Δa_j|| <= c m n eps ||a_j|| for every
  // column j, whatever the row scaling. So the criterion is column-wise: a norm-wise one would
  // let the error of a tiny column hide behind the big ones.
  const cases: [string, number, number, (t: number) => number, boolean][] = [
    ['rows scaled 1e-150..1e150, increasing', 60, 40, (i) => 10 ** (-150 + (300 * i) / 59), false],
    ['rows scaled 1e150..1e-150, decreasing', 60, 40, (i) => 10 ** (150 - (300 * i) / 59), false],
    ['rows scaled alternately 1e-150 and 1e150', 50, 50, (i) => (i % 2 ? 1e150 : 1e-150), false],
    ['columns scaled 1e-150..1e150', 40, 60, (j) => 10 ** (-150 + (300 * j) / 59), true],
    ['square, columns scaled 1e150..1e-150', 70, 70, (j) => 10 ** (150 - (300 * j) / 69), true],
    ['blocked: rows scaled 1e-150..1e150 in steps', 300, 170, (i) => 10 ** (-150 + 30 * (i % 11)), false],
    ['blocked: columns scaled 1e-150..1e150 in steps', 200, 260, (j) => 10 ** (150 - 30 * (j % 11)), true],
  ];
  for (const [name, m, n, factor, byColumns] of cases) {
    for (const pivoting of [false, true]) {
      it(`${name} (${m}x${n}${pivoting ? ', pivoting' : ''}): column-wise backward error <= 50 max(m, n) eps`, () => {
        const A = graded(Matrix.random(m, n, { seed: m + n, distribution: 'normal' }), factor, byColumns);
        const { Q, R, perm } = qr(A, { pivoting }) as { Q: Matrix; R: Matrix; perm?: Int32Array };
        expect(columnwiseBackwardError(A, Q, R, perm)).toBeLessThanOrEqual(50 * Math.max(m, n) * EPS);
        expect(orthogonalityError(Q)).toBeLessThanOrEqual(50 * Math.max(m, n) * EPS);
        expect(nonzerosBelowDiagonal(R)).toBe(0);
      });
    }
  }

  // Entries near the ends of the exponent range: sums of squares overflow (1e300) or underflow
  // (1e-300, and LAPACK's rescaling loop in dlarfg for |beta| below 2^-969) without the scaled
  // norm; Q must not change and R must scale with A.
  for (const [m, n] of [[70, 50], [260, 200]]) {
    for (const scale of [1e300, 1e-300, 2 ** -1000, 1e-250]) {
      it(`${m}x${n}, entries of size ${scale}: same Q as the unscaled matrix, R scaled (with and without pivoting)`, () => {
        const B = Matrix.random(m, n, { seed: 11, distribution: 'normal' });
        const A = B.scale(scale);
        for (const pivoting of [false, true]) {
          const ref = qr(B, { pivoting }) as { Q: Matrix; R: Matrix; perm?: Int32Array };
          const got = qr(A, { pivoting }) as { Q: Matrix; R: Matrix; perm?: Int32Array };
          expect(orthogonalityError(got.Q)).toBeLessThanOrEqual(50 * m * EPS);
          expect(backwardError(A, got.Q, got.R, got.perm)).toBeLessThanOrEqual(50 * m * EPS);
          expect(got.perm).toEqual(ref.perm);
          let dq = 0;
          for (let t = 0; t < ref.Q.data.length; t++) dq = Math.max(dq, Math.abs(got.Q.data[t] - ref.Q.data[t]));
          expect(dq).toBeLessThanOrEqual(1e-12);
          expect(got.R.get(0, 0) / ref.R.get(0, 0) / scale).toBeCloseTo(1, 12);
        }
      });
    }
  }

  it('entries up to 1.5e308 factor as 2^-k A (exact shift) when R is representable', () => {
    const B = Matrix.random(80, 60, { seed: 5, distribution: 'normal' });
    // row 0 near the top of the range: column norms up to about 1.5e308
    const A = B.map((x, i) => (i === 0 ? (x / 4) * 2 ** 1022 : x));
    for (const pivoting of [false, true]) {
      const got = qr(A, { pivoting }) as { Q: Matrix; R: Matrix; perm?: Int32Array };
      expect(got.R.data.every(Number.isFinite)).toBe(true);
      expect(orthogonalityError(got.Q)).toBeLessThanOrEqual(50 * 80 * EPS);
      // residual of 2^-40 A, to keep Q R's partial sums finite
      const small = 2 ** -40;
      expect(backwardError(A.scale(small), got.Q, got.R.scale(small), got.perm)).toBeLessThanOrEqual(50 * 80 * EPS);
      // the same factorization as of 2^-30 A, scaled
      const ref = qr(A.scale(2 ** -30), { pivoting }) as { Q: Matrix; R: Matrix; perm?: Int32Array };
      expect(got.perm).toEqual(ref.perm);
      expect(got.Q.data).toEqual(ref.Q.data);
      expect(got.R.data).toEqual(ref.R.scale(2 ** 30).data);
    }
  });

  it('a column norm above the largest double throws LinAlgError (R is not representable)', () => {
    const e = errorOf(() => qr([[1.5e308, 1], [1.5e308, 2]]));
    expect(e).toBeInstanceOf(LinAlgError);
    expect(e.message).toMatch(/^qr: R \(2x2\) is not representable in float64: R\[0, 0\]/);
  });

  it('subnormal matrices are factored exactly scaled up (Q as for 2^1060 A, R scaled back)', () => {
    const B = Matrix.random(40, 30, { seed: 8, distribution: 'normal' });
    const A = B.scale(2 ** -1060); // entries subnormal (rounded to about 14 bits)
    const up = A.scale(2 ** 530).scale(2 ** 530); // exact
    for (const pivoting of [false, true]) {
      const got = qr(A, { pivoting }) as { Q: Matrix; R: Matrix; perm?: Int32Array };
      const ref = qr(up, { pivoting }) as { Q: Matrix; R: Matrix; perm?: Int32Array };
      expect(got.Q.data).toEqual(ref.Q.data);
      expect(got.perm).toEqual(ref.perm);
      expect(got.R.data).toEqual(ref.R.scale(2 ** -530).scale(2 ** -530).data);
      expect(orthogonalityError(got.Q)).toBeLessThanOrEqual(50 * 40 * EPS);
    }
  });

  it('a column that is zero below the diagonal gives tau = 0 (H = I) and keeps its entries', () => {
    const A = Matrix.from([
      [2, 1, 3],
      [0, 4, 1],
      [0, 0, 5],
      [0, 0, 0],
    ]);
    const { Q, R } = qr(A);
    // LAPACK's dlarfg leaves a column with nothing below the diagonal alone: R = the upper part of A
    expect(R.toArray()).toEqual([
      [2, 1, 3],
      [0, 4, 1],
      [0, 0, 5],
    ]);
    expect(Q.toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
  });

  it('a zero matrix factors as Q = I, R = 0 (with and without pivoting)', () => {
    for (const pivoting of [false, true]) {
      const { Q, R } = qr(Matrix.zeros(5, 3), { mode: 'complete', pivoting }) as { Q: Matrix; R: Matrix };
      expect(Q.equals(Matrix.eye(5))).toBe(true);
      expect(R.equals(Matrix.zeros(5, 3))).toBe(true);
    }
  });
});

describe('qr tiny and empty shapes', () => {
  it('1x1: Q = [[1]], R = A (LAPACK: no reflection for a single entry, signs kept)', () => {
    for (const x of [5, -5, 0]) {
      const { Q, R } = qr([[x]]);
      expect(Q.toArray()).toEqual([[1]]);
      expect(R.toArray()).toEqual([[x]]);
    }
  });

  it('2x2: a known factorization with LAPACK signs', () => {
    const { Q, R } = qr([
      [3, 1],
      [4, 2],
    ]);
    // beta = -sign(3) * 5
    expect(R.get(0, 0)).toBeCloseTo(-5, 14);
    expect(R.get(0, 1)).toBeCloseTo(-11 / 5, 14);
    expect(R.get(1, 1)).toBeCloseTo(2 / 5, 14); // the last 1x1 step reflects nothing: det Q = -1
    expect(Q.get(0, 0)).toBeCloseTo(-3 / 5, 14);
    expect(Q.get(1, 0)).toBeCloseTo(-4 / 5, 14);
    expect(Q.get(0, 1)).toBeCloseTo(-4 / 5, 14);
    expect(Q.get(1, 1)).toBeCloseTo(3 / 5, 14);
  });

  it('1xN and Nx1', () => {
    for (const [m, n] of [[1, 7], [7, 1], [1, 1], [1, 200], [200, 1]]) {
      const A = Matrix.random(m, n, { seed: 3, distribution: 'normal' });
      for (const mode of ['reduced', 'complete'] as const) {
        for (const pivoting of [false, true]) expectValidQr(A, qr(A, { mode, pivoting }), mode);
      }
    }
    // A single row is already upper triangular: Q = [[1]], R = A
    const { Q, R } = qr([[3, -4, 0, 12]]);
    expect(Q.toArray()).toEqual([[1]]);
    expect(R.toArray()).toEqual([[3, -4, 0, 12]]);
  });

  it('empty inputs give empty factors', () => {
    const cases: [number, number, string, [number, number], [number, number]][] = [
      [0, 3, 'reduced', [0, 0], [0, 3]],
      [0, 3, 'complete', [0, 0], [0, 3]],
      [3, 0, 'reduced', [3, 0], [0, 0]],
      [3, 0, 'complete', [3, 3], [3, 0]],
      [0, 0, 'reduced', [0, 0], [0, 0]],
      [0, 0, 'complete', [0, 0], [0, 0]],
    ];
    for (const [m, n, mode, qShape, rShape] of cases) {
      const { Q, R } = qr(new Matrix(m, n), { mode: mode as 'reduced' | 'complete' });
      expect(Q.shape).toEqual(qShape);
      expect(R.shape).toEqual(rShape);
      if (mode === 'complete') expect(Q.equals(Matrix.eye(m))).toBe(true);
    }
    expect(qr(new Matrix(0, 4), { pivoting: true }).perm).toEqual(Int32Array.from([0, 1, 2, 3]));
    expect(qr(new Matrix(2, 0), { mode: 'r' }).R.shape).toEqual([0, 0]);
  });
});

describe('qr kernels under other blockings (internal block sizes and crossovers)', () => {
  // The defaults were chosen by measurement; the code must be right for any of them: tiny panels,
  // a partial last panel, no unblocked tail, dlaqps ending panels early on rank deficiency.
  const settings = [
    { nb: 1, nx: 0, pivotNb: 1, pivotNx: 0 },
    { nb: 2, nx: 0, pivotNb: 2, pivotNx: 0 },
    { nb: 5, nx: 3, pivotNb: 3, pivotNx: 4 },
    { nb: 8, nx: 0, pivotNb: 7, pivotNx: 0 },
    { nb: 13, nx: 20, pivotNb: 16, pivotNx: 10 },
    { nb: 64, nx: 0, pivotNb: 64, pivotNx: 0 },
  ];
  for (const setting of settings) {
    it(`nb ${setting.nb}, nx ${setting.nx}, pivoted nb ${setting.pivotNb}, nx ${setting.pivotNx}`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 90 }),
          fc.integer({ min: 1, max: 90 }),
          fc.integer(),
          fc.boolean(),
          fc.constantFrom<'reduced' | 'complete'>('reduced', 'complete'),
          (m, n, seed, deficient, mode) => {
            const k = Math.min(m, n);
            const A = deficient && k > 1 ? rankDeficient(m, n, 1 + (Math.abs(seed) % (k - 1)), seed) : Matrix.random(m, n, { seed, distribution: 'normal' });
            const reference = qr(A, { mode });
            const previous = qrBlocking(setting);
            try {
              const plain = qr(A, { mode });
              expectValidQr(A, plain, mode);
              // R is unique up to row signs, and the signs come from the same dlarfg: R agrees
              // with the default blocking's R to rounding (of full-rank A; deficient R differs past the rank).
              if (!deficient) {
                let d = 0;
                for (let t = 0; t < plain.R.data.length; t++) d = Math.max(d, Math.abs(plain.R.data[t] - reference.R.data[t]));
                expect(d).toBeLessThanOrEqual(100 * Math.max(m, n) * EPS * norm2(A.data));
              }
              expectValidQr(A, qr(A, { mode, pivoting: true }), mode);
            } finally {
              qrBlocking(previous);
            }
          },
        ),
        { numRuns: 15 },
      );
    });
  }

  it('restores the defaults', () => {
    expect(qrBlocking()).toEqual({ nb: 32, nx: 64, pivotNb: 16, pivotNx: 128 });
  });
});

describe('qr against numpy and scipy (fixtures from test/fixtures/generate_qr.py)', () => {
  const fixtures = JSON.parse(readFileSync(new URL('../fixtures/numpy-qr.json', import.meta.url), 'utf8'));

  /** Row signs s_i that best match R's rows to ref's (from the diagonal), and the max difference after them. */
  function compareUpToRowSigns(R: Matrix, ref: number[], rows: number): { diff: number; signs: number[] } {
    const signs: number[] = [];
    let diff = 0;
    for (let i = 0; i < rows; i++) {
      const s = Math.sign(R.get(i, i)) === Math.sign(ref[i * R.cols + i]) ? 1 : -1;
      signs.push(s);
      for (let j = 0; j < R.cols; j++) diff = Math.max(diff, Math.abs(R.get(i, j) - s * ref[i * R.cols + j]));
    }
    return { diff, signs };
  }

  for (const c of fixtures.qr) {
    it(`np.linalg.qr: ${c.name}`, () => {
      const A = new Matrix(c.m, c.n, c.a);
      const k = Math.min(c.m, c.n);
      const { Q, R } = qr(A);
      const amax = Math.max(...c.a.map(Math.abs));
      // R agrees with numpy's up to row signs, within rounding of the largest entry of A
      const { diff, signs } = compareUpToRowSigns(R, c.r, k);
      expect(diff).toBeLessThanOrEqual(10 * Math.max(c.m, c.n) * EPS * amax);
      // Q's columns agree up to the same signs, within cond * eps (cond of A's leading columns)
      const qTol = 10 * Math.max(c.m, c.n) * c.cond * EPS;
      if (qTol < 1e-6) {
        let dq = 0;
        for (let i = 0; i < c.m; i++) for (let j = 0; j < k; j++) dq = Math.max(dq, Math.abs(Q.get(i, j) - signs[j] * c.q[i * k + j]));
        expect(dq).toBeLessThanOrEqual(qTol);
        // Same algorithm, same conventions (dlarfg's beta = -sign(alpha) norm): the signs agree too.
        expect(signs.every((s) => s === 1)).toBe(true);
      }
    });
  }

  for (const c of fixtures.pivoted) {
    it(`scipy.linalg.qr(pivoting=True): ${c.name}`, () => {
      const A = new Matrix(c.m, c.n, c.a);
      const { Q, R, perm } = qr(A, { pivoting: true });
      // Pivots past the numerical rank are decided by rounding noise: compare the first `rank`.
      expect([...perm].slice(0, c.rank)).toEqual(c.perm.slice(0, c.rank));
      // Rows 0..rank-1 of R are determined; match columns through the permutations (past the
      // rank the two orders differ).
      const amax = Math.max(...c.a.map(Math.abs));
      let diff = 0;
      for (let i = 0; i < c.rank; i++) {
        const s = Math.sign(R.get(i, i)) === Math.sign(c.r[i * c.n + i]) ? 1 : -1;
        for (let j = 0; j < c.n; j++) {
          const jRef = c.perm.indexOf(perm[j]);
          diff = Math.max(diff, Math.abs(R.get(i, j) - s * c.r[i * c.n + jRef]));
        }
      }
      expect(diff).toBeLessThanOrEqual(10 * Math.max(c.m, c.n) * EPS * amax);
      expectValidQr(A, { Q, R, perm }, 'reduced');
    });
  }
});

describe('qr errors', () => {
  it('NaN and Infinity throw NonFiniteError naming the entry', () => {
    const e = errorOf(() => qr([[1, NaN], [2, 3]]));
    expect(e).toBeInstanceOf(NonFiniteError);
    expect(e.message).toBe('qr: A (2x2) has NaN at (0, 1)');
    expect(errorOf(() => qr([[1, 2], [Infinity, 3]], { pivoting: true }))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => qr([[-Infinity]], { mode: 'r' }))).toBeInstanceOf(NonFiniteError);
  });

  it('non-numeric input and unknown options throw TypeError', () => {
    expect(errorOf(() => qr([[1, 'a' as unknown as number]]))).toBeInstanceOf(TypeError);
    expect(errorOf(() => qr('A' as unknown as number[][]))).toBeInstanceOf(TypeError);
    const m = errorOf(() => qr([[1]], { mode: 'economic' as 'reduced' }));
    expect(m).toBeInstanceOf(TypeError);
    expect(m.message).toBe(`qr: mode must be 'reduced', 'complete' or 'r', got "economic"`);
    expect(errorOf(() => qr([[1]], { pivoting: 'yes' as unknown as boolean }))).toBeInstanceOf(TypeError);
    expect(errorOf(() => qr([[1]], null as unknown as object))).toBeInstanceOf(TypeError);
  });

  it('ragged rows throw ShapeError naming qr', () => {
    const e = errorOf(() => qr([[1, 2], [3]]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(/^qr: A/);
  });

  it('the result types say which factors exist', () => {
    const A = Matrix.eye(3);
    const r = qr(A, { mode: 'r' });
    // @ts-expect-error: mode 'r' has no Q
    expect(r.Q).toBeUndefined();
    // @ts-expect-error: no perm without pivoting
    expect(qr(A).perm).toBeUndefined();
    const p = qr(A, { mode: 'r', pivoting: true });
    expect(p.perm.length).toBe(3);
    expect(qr(A, { pivoting: true }).Q.shape).toEqual([3, 3]);
  });
});
