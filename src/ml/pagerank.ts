// PageRank (networkx.pagerank semantics) on a sparse or dense link matrix, the whole power
// iteration in one WASM call.
//
// links[i][j] is the weight of the link j -> i (CsrMatrix.fromEdges builds exactly that from an
// edge list). Columns are normalised by their sums inside; a page with no outgoing weight
// (dangling) spreads its rank by the dangling distribution: uniform, or the personalization, as
// networkx. Stops when the L1 change is below n * tol (networkx), or after maxIter steps with
// converged: false.

import { withScratch, type Scratch } from '../core/arena.js';
import { CsrMatrix, placeCsr, placeCsrTransposed } from '../core/csr.js';
import { LinAlgError, NonFiniteError, ShapeError } from '../core/errors.js';

// Values outside their domain (negative weights or probabilities, an all-zero distribution, damping
// outside [0, 1], a bad tol or maxIter) throw the base LinAlgError: DESIGN.md asks for typed
// LinAlgErrors and no subclass fits (these were plain RangeErrors).
import { Matrix, toVector, type MatrixLike, type VectorLike } from '../core/matrix.js';

export interface PageRankOptions {
  /** Probability of following a link (default 0.85), in [0, 1]. */
  damping?: number;
  /** Tolerance on the L1 change per page (default 1e-10). */
  tol?: number;
  /** Iteration cap (default 1000). */
  maxIter?: number;
  /** Teleport distribution (non-negative, not all zero; normalised inside). Default uniform. */
  personalization?: VectorLike;
  /** Where dangling pages' rank goes (non-negative, not all zero). Default: the personalization. */
  dangling?: VectorLike;
  /** Starting ranks (non-negative, not all zero). Default uniform. */
  start?: VectorLike;
  /**
   * How the kernel walks the links (a tuning knob; the ranks agree to rounding): 'target' gathers
   * along the rows of the link matrix, 'source' transposes it once and scatters along each page's
   * out-links. Default 'auto': 'source' from SCATTER_MIN_PAGES pages.
   */
  layout?: 'auto' | 'target' | 'source';
}

/**
 * From this many pages PageRank transposes the links and scatters (assembly/sparse/pagerank.ts
 * says why). Measured on seeded scale-free graphs (bench pagerank, 10 links per page): at 100k
 * pages the rank vector (800 KB) fits in L2, gather and scatter steps cost about the same and the
 * transpose does not pay; at 1M pages a scatter step is about twice as fast and the transpose
 * (about 7 gather steps) is paid back within the ~19 steps of tol 1e-12.
 */
export const SCATTER_MIN_PAGES = 1 << 18;

export interface PageRankResult {
  /** Ranks summing to 1. */
  ranks: Float64Array;
  iterations: number;
  converged: boolean;
}

/** A non-negative distribution of length n, normalised to sum 1. */
function distribution(op: string, name: string, v: VectorLike, n: number): Float64Array {
  const d = toVector(v, op, name);
  if (d.length !== n) throw new ShapeError(`${op}: ${name} has length ${d.length}, the graph has ${n} pages`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(d[i])) throw new NonFiniteError(`${op}: ${name}[${i}] is ${d[i]}`);
    if (d[i] < 0) throw new LinAlgError(`${op}: ${name}[${i}] = ${d[i]} is negative`);
    sum += d[i];
  }
  if (!(sum > 0)) throw new LinAlgError(`${op}: ${name} is all zeros`);
  return d.map((x) => x / sum);
}

function linkMatrix(op: string, links: Matrix | CsrMatrix | MatrixLike): CsrMatrix {
  return assertFiniteOutWeights(op, checkedLinks(op, links));
}

/**
 * Finite weights can still sum to Infinity in a column (two links of 1e308): the kernel would then
 * divide that page's rank by Infinity and lose it, silently (the ranks no longer sum to 1).
 */
function assertFiniteOutWeights(op: string, L: CsrMatrix): CsrMatrix {
  const out = new Float64Array(L.cols);
  for (let k = 0; k < L.nnz; k++) out[L.colIdx[k]] += L.values[k];
  for (let j = 0; j < L.cols; j++) if (out[j] === Infinity) throw new NonFiniteError(`${op}: the link weights of column ${j} (page ${j}'s out-links) sum to Infinity`);
  return L;
}

function checkedLinks(op: string, links: Matrix | CsrMatrix | MatrixLike): CsrMatrix {
  if (links instanceof CsrMatrix) {
    if (links.rows !== links.cols) throw new ShapeError(`${op}: the link matrix must be square, got ${links.rows}x${links.cols}`);
    for (let k = 0; k < links.values.length; k++) {
      const v = links.values[k];
      if (!Number.isFinite(v)) throw new NonFiniteError(`${op}: link weight ${v} at entry ${k}`);
      if (v < 0) throw new LinAlgError(`${op}: link weights must be non-negative, found ${v} at entry ${k}`);
    }
    return links;
  }
  const m = links instanceof Matrix ? links : Matrix.from(links as number[][]);
  if (m.rows !== m.cols) throw new ShapeError(`${op}: the link matrix must be square, got ${m.rows}x${m.cols}`);
  for (let t = 0; t < m.data.length; t++) {
    const v = m.data[t];
    if (!Number.isFinite(v)) throw new NonFiniteError(`${op}: link weight ${v} at (${Math.floor(t / m.cols)}, ${t % m.cols})`);
    if (v < 0) throw new LinAlgError(`${op}: link weights must be non-negative, found ${v} at (${Math.floor(t / m.cols)}, ${t % m.cols})`);
  }
  return CsrMatrix.fromDense(m);
}

/** PageRank of the pages of a link matrix (links[i][j]: weight of the link j -> i). */
export function pageRank(links: Matrix | CsrMatrix | MatrixLike, options: PageRankOptions = {}): PageRankResult {
  const op = 'pageRank';
  const L = linkMatrix(op, links);
  const n = L.rows;
  const damping = options.damping ?? 0.85;
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 1000;
  if (typeof damping !== 'number' || !(damping >= 0 && damping <= 1)) throw new LinAlgError(`${op}: damping must be in [0, 1], got ${String(damping)}`);
  if (typeof tol !== 'number' || !(tol >= 0)) throw new LinAlgError(`${op}: tol must be a non-negative number, got ${String(tol)}`);
  // At most 2^31 - 1: the kernel takes an i32, and a larger cap wrapped (2^32 + 5 ran 5 steps).
  if (!Number.isInteger(maxIter) || maxIter < 1 || maxIter > 0x7fffffff) throw new LinAlgError(`${op}: maxIter must be an integer from 1 to 2^31 - 1, got ${String(maxIter)}`);
  if (n === 0) return { ranks: new Float64Array(0), iterations: 0, converged: true };
  const p = options.personalization === undefined ? null : distribution(op, 'personalization', options.personalization, n);
  const w = options.dangling === undefined ? p : distribution(op, 'dangling', options.dangling, n);
  const x0 = options.start === undefined ? new Float64Array(n).fill(1 / n) : distribution(op, 'start', options.start, n);
  const layout = options.layout ?? 'auto';
  // An unknown option string is a TypeError, as qr's mode and svd's options (was a RangeError).
  if (layout !== 'auto' && layout !== 'target' && layout !== 'source') throw new TypeError(`${op}: layout must be 'auto', 'target' or 'source', got ${String(layout)}`);
  const bySource = layout === 'source' || (layout === 'auto' && n >= SCATTER_MIN_PAGES);
  return withScratch(op, (s) => {
    let it: number;
    if (bySource) {
      const { rowPtr, colIdx, values, rowSums: outWeight } = placeCsrTransposed(s, L);
      const [pp, pw, x, y] = placeVectors(s, p, w, x0);
      it = s.wasm.pagerankBySource(n, rowPtr, colIdx, values, outWeight, pp, pw, damping, tol, maxIter, x, y);
      return { ranks: s.take(x, n), iterations: Math.abs(it), converged: it > 0 };
    }
    const { rowPtr, colIdx, values } = placeCsr(s, L);
    const outWeight = s.allocF64(n);
    s.wasm.csrColumnSums(n, L.nnz, colIdx, values, outWeight);
    const [pp, pw, x, y] = placeVectors(s, p, w, x0);
    const z = s.allocF64(n);
    it = s.wasm.pagerankByTarget(n, rowPtr, colIdx, values, outWeight, pp, pw, damping, tol, maxIter, x, y, z);
    return { ranks: s.take(x, n), iterations: Math.abs(it), converged: it > 0 };
  });
}

/** Personalization and dangling distributions (address 0: uniform), the start, and y scratch. */
function placeVectors(s: Scratch, p: Float64Array | null, w: Float64Array | null, x0: Float64Array): [number, number, number, number] {
  const pp = p ? s.put(p) : 0;
  const pw = w ? (w === p ? pp : s.put(w)) : 0;
  return [pp, pw, s.put(x0), s.allocF64(x0.length)];
}
