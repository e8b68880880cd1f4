// ml.pageRank against networkx (test/fixtures/generate_pagerank.py: the vega-datasets airports graph
// weighted by flight counts and a 10,000-page scale-free graph, each plain, personalized, with a
// dangling distribution and with both), invariants, the course's micro-internet, the iteration cap
// (converged: false, API.md) and bad input. Both kernel layouts ('target': gather along the link
// matrix's rows; 'source': transpose in WASM, scatter along out-links) are checked everywhere the
// result is; 'target' is the default.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CsrMatrix, LinAlgError, Matrix, NonFiniteError, ShapeError } from '../../src/index.js';
import { pageRank, type PageRankOptions } from '../../src/ml/index.js';
import { L6 } from '../../src/assignments/linear-algebra/reproduce-pagerank.js';
import { edgeListMatrix, readEdgeListFile } from '../../src/data/edge-list.js';
import { scaleFreeGraph } from '../../src/data/graphs.js';
import { errorOf, maxAbsDiff, maxRelDiff } from '../helpers.js';

type Case = 'plain' | 'personalization' | 'dangling' | 'both';
interface GraphFixture {
  iterations: Record<Case, number>;
  ranks: Record<Case, number[]>;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/networkx-pagerank.json', import.meta.url), 'utf8')) as {
  alpha: number;
  tol: number;
  maxIter: number;
  airports: GraphFixture & { labels: string[]; edges: number; danglingNodes: number[] };
  scaleFree: GraphFixture & { n: number; avgOutDegree: number; seed: number; edges: number; fnv1a: number; danglingCount: number };
};
const FLIGHTS = fileURLToPath(new URL('../../node_modules/vega-datasets/data/flights-airport.csv', import.meta.url));

/** The fixture's personalization and dangling vectors (generate_pagerank.py: same formulas). */
const personalization = (n: number) => Float64Array.from({ length: n }, (_, i) => (i * 7919) % 13);
const danglingWeights = (n: number) => Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 + (i % 5) : 0));

function options(c: Case, n: number): PageRankOptions {
  const base = { damping: fixture.alpha, tol: fixture.tol, maxIter: fixture.maxIter };
  if (c === 'plain') return base;
  if (c === 'personalization') return { ...base, personalization: personalization(n) };
  if (c === 'dangling') return { ...base, dangling: danglingWeights(n) };
  return { ...base, personalization: personalization(n), dangling: danglingWeights(n) };
}

/** FNV-1a (32-bit) over src[0], dst[0], src[1], ... as little-endian int32 bytes (as the generator script). */
function fnv1a(src: Int32Array, dst: Int32Array): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < src.length; k++) {
    for (const v of [src[k], dst[k]]) {
      for (let b = 0; b < 4; b++) h = Math.imul(h ^ ((v >>> (8 * b)) & 0xff), 0x01000193) >>> 0;
    }
  }
  return h;
}

function sum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

const LAYOUTS = ['target', 'source'] as const;

/** Checks one graph against the four networkx cases, in both layouts. */
function expectNetworkx(L: CsrMatrix, ref: GraphFixture): void {
  for (const [c, layout] of (['plain', 'personalization', 'dangling', 'both'] as Case[]).flatMap((c) => LAYOUTS.map((l) => [c, l] as const))) {
    const r = pageRank(L, { ...options(c, L.rows), layout });
    expect(r.converged, c).toBe(true);
    expect(r.iterations, c).toBe(ref.iterations[c]);
    expect(maxAbsDiff(r.ranks, ref.ranks[c]), c).toBeLessThanOrEqual(1e-9);
    // The same iterates as networkx up to rounding: far tighter than the 1e-9.
    expect(maxRelDiff(r.ranks, Float64Array.from(ref.ranks[c])), c).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(sum(r.ranks) - 1), c).toBeLessThanOrEqual(1e-9);
  }
}

/** Random non-negative weighted graphs of 1..10 pages with dangling pages and self-loops. */
const linkMatrices = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc
    .array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 5 })), { minLength: n * n, maxLength: n * n })
    .map((v) => new Matrix(n, n, Float64Array.from(v))),
);

describe('pageRank against networkx', () => {
  it('the airports graph (vega-datasets flights, weighted by count): 4 cases, |Δ| <= 1e-9 at tol 1e-12', async () => {
    const e = await readEdgeListFile(FLIGHTS);
    expect(e.labels).toEqual(fixture.airports.labels);
    expect(e.src.length).toBe(fixture.airports.edges);
    const L = edgeListMatrix(e);
    // The graph has dangling pages, so the dangling cases differ from the plain one.
    const outWeight = new Float64Array(L.cols);
    for (let k = 0; k < L.nnz; k++) outWeight[L.colIdx[k]] += L.values[k];
    expect(fixture.airports.danglingNodes.length).toBeGreaterThan(0);
    for (const j of fixture.airports.danglingNodes) expect(outWeight[j]).toBe(0);
    expectNetworkx(L, fixture.airports);
  });

  it('a 10,000-page scale-free graph (more rows than one kernel chunk): 4 cases, |Δ| <= 1e-9 at tol 1e-12', () => {
    const { n, avgOutDegree, seed } = fixture.scaleFree;
    const g = scaleFreeGraph(n, avgOutDegree, seed);
    // The generator still produces the graph networkx ranked (else rerun generate_pagerank.py).
    expect(g.src.length).toBe(fixture.scaleFree.edges);
    expect(fnv1a(g.src, g.dst)).toBe(fixture.scaleFree.fnv1a);
    const L = CsrMatrix.fromEdges(n, g.src, g.dst);
    expect(fixture.scaleFree.danglingCount).toBeGreaterThan(500);
    expectNetworkx(L, fixture.scaleFree);
  });
});

describe('pageRank invariants', () => {
  it('ranks are a distribution above the teleport floor; dense and CSR input agree exactly (property)', () => {
    fc.assert(
      // damping <= 0.9: the error shrinks at least by the damping each step, so 1000 steps reach 1e-13
      // (at 0.97 on a periodic graph they need not).
      fc.property(linkMatrices, fc.double({ min: 0, max: 0.9, noNaN: true }), fc.boolean(), (M, damping, personalized) => {
        const n = M.rows;
        const p = personalized ? Float64Array.from({ length: n }, (_, i) => 1 + (i % 3)) : undefined;
        const r = pageRank(M, { damping, personalization: p, tol: 1e-13 });
        expect(r.converged).toBe(true);
        expect(Math.abs(sum(r.ranks) - 1)).toBeLessThanOrEqual(1e-12);
        const pSum = p ? sum(p) : n;
        for (let i = 0; i < n; i++) expect(r.ranks[i]).toBeGreaterThanOrEqual((1 - damping) * (p ? p[i] : 1) / pSum - 1e-15);
        const csr = pageRank(CsrMatrix.fromDense(M), { damping, personalization: p, tol: 1e-13 });
        expect(csr.iterations).toBe(r.iterations);
        expect(Array.from(csr.ranks)).toEqual(Array.from(r.ranks));
        // The scatter layout: the same iterates up to rounding.
        const bySource = pageRank(M, { damping, personalization: p, tol: 1e-13, layout: 'source' });
        expect(bySource.converged).toBe(true);
        expect(maxAbsDiff(bySource.ranks, r.ranks)).toBeLessThanOrEqual(1e-13);
      }),
    );
  });

  it('scaling a column (all links of one page) leaves the ranks unchanged: columns are normalised inside (property)', () => {
    fc.assert(
      fc.property(linkMatrices, fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 10, maxLength: 10 }), (M, scale) => {
        const a = pageRank(M, { tol: 1e-14 });
        const b = pageRank(
          M.map((v, _i, j) => v * scale[j]),
          { tol: 1e-14 },
        );
        expect(maxAbsDiff(a.ranks, b.ranks)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('the course micro-internet at damping 1 gives its principal eigenvector', () => {
    const r = pageRank(L6, { damping: 1, tol: 1e-15 });
    expect(r.converged).toBe(true);
    const expected = [16, 16 / 3, 40, 76 / 3, 0, 40 / 3];
    expect(maxAbsDiff(r.ranks.map((x) => 100 * x), expected)).toBeLessThanOrEqual(1e-9);
    // Nested arrays, a Matrix and a CsrMatrix are the same input.
    const m = pageRank(Matrix.from(L6), { damping: 1, tol: 1e-15 });
    expect(Array.from(m.ranks)).toEqual(Array.from(r.ranks));
  });

  it('damping 0 returns the personalization; a start vector changes nothing at convergence', () => {
    const p = [1, 0, 3, 0, 0, 4];
    const r = pageRank(L6, { damping: 0, personalization: p });
    expect(Array.from(r.ranks)).toEqual(p.map((x) => x / 8));
    expect(r.iterations).toBe(2);
    const a = pageRank(L6, { tol: 1e-14 });
    const b = pageRank(L6, { tol: 1e-14, start: [0, 0, 0, 0, 1, 0] });
    expect(maxAbsDiff(a.ranks, b.ranks)).toBeLessThanOrEqual(1e-12);
    expect(b.iterations).not.toBe(a.iterations);
  });

  it("the default is the gather layout (bit for bit), and the layouts agree on dangling, self-loops and weights", () => {
    // Self-loops, a duplicate weighted link, dangling pages 3 and 4, a page (5) no one links to.
    const L = CsrMatrix.fromEdges(6, [0, 0, 0, 1, 1, 2, 2, 5, 5], [0, 1, 1, 2, 0, 2, 3, 0, 4], [1, 2, 0.5, 1, 3, 2, 1, 1, 1]);
    for (const opts of [{}, { personalization: [1, 0, 2, 0, 1, 1] }, { dangling: [0, 0, 0, 1, 1, 0] }, { start: [0, 0, 0, 0, 0, 1] }] as PageRankOptions[]) {
      const auto = pageRank(L, { ...opts, tol: 1e-14 });
      const target = pageRank(L, { ...opts, tol: 1e-14, layout: 'target' });
      const source = pageRank(L, { ...opts, tol: 1e-14, layout: 'source' });
      expect(Array.from(auto.ranks)).toEqual(Array.from(target.ranks));
      expect(source.iterations).toBe(target.iterations);
      expect(maxAbsDiff(source.ranks, target.ranks)).toBeLessThanOrEqual(1e-15);
      expect(Math.abs(sum(source.ranks) - 1)).toBeLessThanOrEqual(1e-14);
    }
    // Unweighted links (the kernels' values-free path) in both layouts.
    const U = CsrMatrix.fromEdges(4, [0, 1, 2, 2, 3], [1, 2, 0, 3, 3]);
    expect(maxAbsDiff(pageRank(U, { layout: 'source' }).ranks, pageRank(U, { layout: 'target' }).ranks)).toBeLessThanOrEqual(1e-15);
    // Both layouts report the cap the same way.
    for (const layout of LAYOUTS) expect(pageRank(L, { maxIter: 2, tol: 0, layout })).toMatchObject({ iterations: 2, converged: false });
  });

  it('n = 0 and n = 1', () => {
    const empty = pageRank(CsrMatrix.fromEdges(0, [], []));
    expect(empty).toEqual({ ranks: new Float64Array(0), iterations: 0, converged: true });
    for (const links of [[[0]], [[3]]]) {
      for (const layout of LAYOUTS) {
        const r = pageRank(links, { layout });
        expect(Array.from(r.ranks)).toEqual([1]);
        expect(r.converged).toBe(true);
      }
    }
    expect(pageRank(CsrMatrix.fromEdges(0, [], []), { layout: 'source' }).ranks.length).toBe(0);
  });

  it('every page dangling: the ranks are the dangling distribution mixed with the teleport', () => {
    const r = pageRank(new Matrix(4, 4), { dangling: [1, 1, 0, 2], tol: 1e-15 });
    expect(maxAbsDiff(r.ranks, [0.85 / 4 + 0.15 / 4, 0.85 / 4 + 0.15 / 4, 0.15 / 4, 0.85 / 2 + 0.15 / 4])).toBeLessThanOrEqual(1e-15);
  });
});

describe('pageRank iteration cap and bad input', () => {
  it('maxIter exhausted: converged false, iterations = maxIter, ranks still a distribution (API.md)', () => {
    const r = pageRank(L6, { maxIter: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
    expect(Math.abs(sum(r.ranks) - 1)).toBeLessThanOrEqual(1e-15);
    // tol 0 never converges on a graph that does not settle exactly.
    const z = pageRank(L6, { tol: 0, maxIter: 50 });
    expect([z.converged, z.iterations]).toEqual([false, 50]);
    // One more iteration than networkx needs converges; one fewer does not.
    const need = pageRank(L6, { tol: 1e-12 }).iterations;
    expect(pageRank(L6, { tol: 1e-12, maxIter: need }).converged).toBe(true);
    expect(pageRank(L6, { tol: 1e-12, maxIter: need - 1 }).converged).toBe(false);
  });

  it('rejects a non-square link matrix with a ShapeError naming the shape', () => {
    const dense = errorOf(() => pageRank(new Matrix(3, 4)));
    expect(dense).toBeInstanceOf(ShapeError);
    expect(dense.message).toMatch(/pageRank: .*square, got 3x4/);
    const csr = errorOf(() => pageRank(CsrMatrix.fromDense(new Matrix(2, 5))));
    expect(csr).toBeInstanceOf(ShapeError);
    expect(csr.message).toMatch(/2x5/);
  });

  it('rejects negative and non-finite link weights, naming the entry', () => {
    const negative = errorOf(() => pageRank([[0, 1], [-1, 0]]));
    expect(negative).toBeInstanceOf(LinAlgError);
    expect(negative.message).toMatch(/pageRank: .*-1 at \(1, 0\)/);
    const nan = errorOf(() => pageRank([[0, NaN], [1, 0]]));
    expect(nan).toBeInstanceOf(NonFiniteError);
    expect(nan.message).toMatch(/NaN at \(0, 1\)/);
    const csr = new CsrMatrix(2, 2, Int32Array.from([0, 1, 2]), Int32Array.from([1, 0]), Float64Array.from([1, -2]));
    expect(errorOf(() => pageRank(csr)).message).toMatch(/-2 at entry 1/);
    expect(errorOf(() => pageRank(csr))).toBeInstanceOf(LinAlgError);
    const inf = new CsrMatrix(2, 2, Int32Array.from([0, 1, 2]), Int32Array.from([1, 0]), Float64Array.from([Infinity, 1]));
    expect(() => pageRank(inf)).toThrow(NonFiniteError);
    // Finite weights whose column sum overflows would lose that page's rank.
    const overflow = errorOf(() => pageRank([[1e308, 0], [1e308, 0]]));
    expect(overflow).toBeInstanceOf(NonFiniteError);
    expect(overflow.message).toMatch(/column 0 .* sum to Infinity/);
  });

  it('rejects an unknown layout with a TypeError', () => {
    const e = errorOf(() => pageRank(L6, { layout: 'rows' as 'source' }));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch(/pageRank: layout must be 'target' or 'source', got rows/);
  });

  it('rejects damping outside [0, 1] and bad tol or maxIter', () => {
    for (const damping of [-0.1, 1.5, NaN, Infinity]) {
      const e = errorOf(() => pageRank(L6, { damping }));
      expect(e).toBeInstanceOf(LinAlgError);
      expect(e.message).toMatch(/pageRank: damping must be in \[0, 1\]/);
    }
    for (const tol of [-1, NaN]) expect(() => pageRank(L6, { tol })).toThrow(LinAlgError);
    // 2^32 + 5 used to wrap to 5 in the i32 kernel argument.
    for (const maxIter of [0, -3, 2.5, NaN, Infinity, 2 ** 31, 2 ** 32 + 5]) expect(() => pageRank(L6, { maxIter })).toThrow(LinAlgError);
  });

  it('rejects personalization, dangling and start vectors of the wrong length, negative, all zeros or NaN', () => {
    for (const name of ['personalization', 'dangling', 'start'] as const) {
      const wrong = errorOf(() => pageRank(L6, { [name]: [1, 1, 1] }));
      expect(wrong).toBeInstanceOf(ShapeError);
      expect(wrong.message).toBe(`pageRank: ${name} has length 3, the graph has 6 pages`);
      const negative = errorOf(() => pageRank(L6, { [name]: [1, 1, -1, 1, 1, 1] }));
      expect(negative).toBeInstanceOf(LinAlgError);
      expect(negative.message).toMatch(new RegExp(`${name}\\[2\\] = -1 is negative`));
      const zeros = errorOf(() => pageRank(L6, { [name]: [0, 0, 0, 0, 0, 0] }));
      expect(zeros).toBeInstanceOf(LinAlgError);
      expect(zeros.message).toMatch(new RegExp(`${name} is all zeros`));
      expect(() => pageRank(L6, { [name]: [1, NaN, 1, 1, 1, 1] })).toThrow(NonFiniteError);
    }
  });
});
