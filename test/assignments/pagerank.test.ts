// LA-4 PageRank, the course's version (../shared/ASSIGNMENTS.md): the micro-internet's reference
// ranks and its 18-iteration count, Geoff's sink and damping, the sum-100 and teleport-floor rules,
// generateInternet's columns and link statistics, the iteration cap and bad input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConvergenceError, Matrix, NonFiniteError, ShapeError, solve } from '../../src/index.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linearAlgebra as la, reproduce } from '../../src/assignments/index.js';
import { pageRankWithCount } from '../../src/assignments/linear-algebra/pagerank.js';
// The course's micro-internet and Geoff's (ASSIGNMENTS.md), as reproduce uses them.
import { GEOFF, L6 } from '../../src/assignments/linear-algebra/reproduce-pagerank.js';
import { pageRank as mlPageRank } from '../../src/ml/index.js';
import { errorOf } from '../helpers.js';

const EIGHT_DECIMALS = 1e-7;

function sum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

function dist2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** The fixed point of M = d L + (1 - d)/n ones scaled to sum 100: (I - d L) r = (1 - d) 100/n 1 (d < 1). */
function exactRanks(L: number[][], d: number): Float64Array {
  const n = L.length;
  const A = Matrix.from(L.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - d * v)));
  const b = new Matrix(n, 1, new Float64Array(n).fill(((1 - d) * 100) / n));
  return solve(A, b).data;
}

describe('LA-4 course pageRank', () => {
  it('pageRank(L6, 1): the reference ranks in 18 iterations', () => {
    const { ranks, iterations } = pageRankWithCount(L6, 1);
    expect(iterations).toBe(18);
    const expected = [16.00149917, 5.33252025, 39.99916911, 25.3324738, 0, 13.33433767];
    ranks.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(EIGHT_DECIMALS));
    // Ranking C, D, A, F, B, E.
    const order = Array.from(ranks.keys()).sort((a, b) => ranks[b] - ranks[a]);
    expect(order.map((i) => 'ABCDEF'[i]).join('')).toBe('CDAFBE');
    // The public function is the same loop; a Matrix is the same input as nested arrays.
    expect(Array.from(la.pageRank(L6, 1))).toEqual(Array.from(ranks));
    expect(Array.from(la.pageRank(Matrix.from(L6), 1))).toEqual(Array.from(ranks));
    // Close to the principal eigenvector [16, 16/3, 40, 76/3, 0, 40/3] (the loop stops at 0.01).
    expect(dist2(ranks, [16, 16 / 3, 40, 76 / 3, 0, 40 / 3])).toBeLessThan(0.01);
  });

  it('sums to 100 with every entry >= (1 - d) 100/n, for d in (0, 1] (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1000 }), (d, n, seed) => {
        for (const L of [L6, GEOFF, la.generateInternet(n, seed).toArray()]) {
          const { ranks: r, iterations } = pageRankWithCount(L, d);
          // 1e-9 (ASSIGNMENTS.md), plus the drift of the unnormalised loop: a generated internet's
          // columns sum to 1 only within n eps, so each pass may move the sum by about n eps of it.
          // With d near 1 some generated internets mix slowly (d = 0.99994, n = 30: 99,620 passes,
          // drift 1.2e-9); the course loop does not renormalise, so neither does ours.
          expect(Math.abs(sum(r) - 100)).toBeLessThanOrEqual(1e-9 + 100 * iterations * L.length * Number.EPSILON);
          for (const v of r) expect(v).toBeGreaterThanOrEqual(((1 - d) * 100) / L.length - 1e-9);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("Geoff: at d = 1 the sink G takes the rank; at d = 0.5 the loop lands near M's exact eigenvector", () => {
    const undamped = la.pageRank(GEOFF, 1);
    expect(undamped[6]).toBeGreaterThan(99);
    expect(Math.abs(sum(undamped) - 100)).toBeLessThanOrEqual(1e-9);
    const damped = pageRankWithCount(GEOFF, 0.5);
    const exact = exactRanks(GEOFF, 0.5);
    expect(Math.abs(sum(exact) - 100)).toBeLessThanOrEqual(1e-9);
    // The last change is <= 0.01 and the error contracts by d = 0.5 per step: error <= 0.01.
    expect(dist2(damped.ranks, exact)).toBeLessThanOrEqual(0.01);
    expect(damped.ranks[6]).toBeLessThan(50);
    // More damping (a smaller d) converges in fewer passes.
    const counts = [0.1, 0.5, 0.85, 0.9].map((d) => pageRankWithCount(GEOFF, d).iterations);
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeGreaterThanOrEqual(counts[k - 1]);
  });

  it('generateInternet(100) at d = 0.9 agrees with ml.pageRank (scaled to 100) and the exact fixed point', () => {
    const L = la.generateInternet(100);
    const r = la.pageRank(L, 0.9);
    const exact = exactRanks(L.toArray(), 0.9);
    const ml = mlPageRank(L, { damping: 0.9, tol: 1e-14 }).ranks.map((x) => 100 * x);
    expect(dist2(ml, exact)).toBeLessThanOrEqual(1e-9);
    // Stop at a change <= 0.01 with contraction 0.9: error <= 0.01 * 0.9 / 0.1.
    expect(dist2(r, exact)).toBeLessThanOrEqual(0.09);
  });

  it('the iteration cap throws ConvergenceError, also when the ranks overflow (no silent Infinity)', () => {
    // Not column-stochastic: the ranks double every pass.
    const e = errorOf(() => pageRankWithCount([[1, 1], [1, 1]], 1, 50));
    expect(e).toBeInstanceOf(ConvergenceError);
    expect(e.message).toMatch(/pageRank: no convergence after 50 iterations .*2x2/);
    // Past ~1024 passes they overflow; Infinity - Infinity = NaN used to end the loop with [Inf, Inf].
    expect(() => pageRankWithCount([[1, 1], [1, 1]], 1, 3000)).toThrow(ConvergenceError);
    // The reference run needs 18 passes: a cap of 18 suffices, 17 does not.
    expect(pageRankWithCount(L6, 1, 18).iterations).toBe(18);
    expect(() => pageRankWithCount(L6, 1, 17)).toThrow(ConvergenceError);
  });

  it('rejects a non-square or non-finite link matrix and a non-finite d', () => {
    const shape = errorOf(() => la.pageRank([[1, 0, 0], [0, 1, 0]], 0.85));
    expect(shape).toBeInstanceOf(ShapeError);
    expect(shape.message).toMatch(/pageRank: linkMatrix .*2x3/);
    expect(() => la.pageRank([[NaN, 1], [1, 0]], 0.85)).toThrow(NonFiniteError);
    expect(() => la.pageRank(L6, NaN)).toThrow(NonFiniteError);
    expect(() => la.pageRank(L6, '0.5' as unknown as number)).toThrow(TypeError);
  });
});

describe('LA-4 generateInternet', () => {
  it('columns sum to 1, entries are positive, the seed decides the matrix', () => {
    for (const n of [1, 2, 7, 100]) {
      const L = la.generateInternet(n);
      expect(L.shape).toEqual([n, n]);
      for (const s of L.sum(0)) expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-12);
      for (const v of L.data) expect(v).toBeGreaterThan(0);
    }
    expect(Array.from(la.generateInternet(30, 7).data)).toEqual(Array.from(la.generateInternet(30, 7).data));
    expect(Array.from(la.generateInternet(30, 7).data)).not.toEqual(Array.from(la.generateInternet(30, 8).data));
    expect(Array.from(la.generateInternet(30).data)).toEqual(Array.from(la.generateInternet(30, 42).data));
  });

  it('links are local: the share at distance k is near 1 - (2/π) atan(2(k + 1))', () => {
    const n = 1000;
    const L = la.generateInternet(n);
    // Before normalisation a link is 1 + 1e-10 and a non-link 1e-10: after it, a link is ~1e10 times
    // its column's smallest entry. (A column without links is all 1/n: not links. Counting entries
    // above a fixed threshold instead counts those ~1-10% of columns as links at every distance.)
    const columnMin = new Float64Array(n).fill(Infinity);
    for (let t = 0; t < n * n; t++) columnMin[t % n] = Math.min(columnMin[t % n], L.data[t]);
    for (const k of [0, 1, 2]) {
      let links = 0;
      let pairs = 0;
      for (let i = 0; i < n; i++) {
        for (const j of k === 0 ? [i] : [i - k, i + k]) {
          if (j < 0 || j >= n) continue;
          pairs++;
          if (L.data[i * n + j] > 2 * columnMin[j]) links++;
        }
      }
      const p = 1 - (2 / Math.PI) * Math.atan(2 * (k + 1));
      // Four standard errors of a binomial share (the seed is fixed, so this is deterministic).
      expect(Math.abs(links / pairs - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / pairs));
    }
  });

  it('rejects a size that is not a positive integer', () => {
    for (const n of [0, -1, 2.5, NaN]) expect(() => la.generateInternet(n)).toThrow(ShapeError);
  });
});

describe("reproduce('la-4-pagerank')", () => {
  it('reports the reference values of ASSIGNMENTS.md and writes the four bar charts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mml-la4-'));
    try {
      const r = await reproduce('la-4', { outDir: out, quick: true });
      const n = r.numbers as Record<string, number[] & number>;
      // L6 eigenvalues by modulus: 1, -0.54288045 ± 0.30393757i, 0.31416979, -0.2284089, 0.
      const re = [1, -0.54288045, -0.54288045, 0.31416979, -0.2284089, 0];
      const im = [0, 0.30393757, -0.30393757, 0, 0, 0];
      re.forEach((v, k) => expect(Math.abs(n.l6EigenvaluesRe[k] - v)).toBeLessThanOrEqual(1e-7));
      im.forEach((v, k) => expect(Math.abs(n.l6EigenvaluesIm[k] - v)).toBeLessThanOrEqual(1e-7));
      [16, 16 / 3, 40, 76 / 3, 0, 40 / 3].forEach((v, k) => expect(Math.abs(n.l6Eigenvector[k] - v)).toBeLessThanOrEqual(1e-10));
      expect(n.l6Ranking).toEqual([2, 3, 0, 5, 1, 4]); // C, D, A, F, B, E
      [125 / 9, 125 / 9, 350 / 9, 250 / 9, 0, 50 / 9].forEach((v, k) => expect(Math.abs(n.l6OneStep[k] - v)).toBeLessThanOrEqual(1e-12));
      expect(n.l6HundredStepsMaxDiff).toBeLessThanOrEqual(1e-7);
      expect(n.l6PageRankIterations).toBe(18);
      [16.00149917, 5.33252025, 39.99916911, 25.3324738, 0, 13.33433767].forEach((v, k) => expect(Math.abs(n.l6PageRank[k] - v)).toBeLessThanOrEqual(1e-7));
      // Geoff: the sink takes nearly everything undamped; d = 0.5 agrees with M's eigenvector.
      expect(n.geoffD1[6]).toBeGreaterThan(99);
      expect(n.geoffD05EigVsPowerMaxDiff).toBeLessThan(0.01);
      for (const key of ['geoffD1', 'geoffD05', 'geoffD01', 'geoffD085', 'geoffD09']) {
        expect(Math.abs(n[key].reduce((a: number, b: number) => a + b, 0) - 100)).toBeLessThanOrEqual(1e-9);
      }
      expect(n.internet100EigMaxDiff).toBeLessThan(0.1);
      expect('internet100PowerMs' in n).toBe(false); // no timing in quick
      // Airports: the sparse PageRank equals the dense Google matrix's eigenvector.
      expect(n.airports).toBe(305);
      expect(n.airportRoutes).toBe(5366);
      expect(n.airportsEigMaxDiff).toBeLessThanOrEqual(1e-9);
      expect(r.figures.map((f) => f.split('.').slice(-2, -1)[0])).toEqual(['micro-internet', 'geoff', 'internet-100', 'airports']);
      for (const f of r.figures) expect(readFileSync(f, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
