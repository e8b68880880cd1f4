// LA-4 "PageRank", the course's version: power iteration on the damped dense link matrix
// M = d L + (1 - d)/n ones, ranks summing to 100, stopping when the 2-norm of the change is at
// most 0.01 (an absolute tolerance on a sum of 100). L is used as given (not normalised or
// checked beyond its shape and finiteness), unlike ml.pageRank.

import { assertFiniteMatrix, assertShape } from '../../core/checks.js';
import { ConvergenceError, NonFiniteError, ShapeError } from '../../core/errors.js';
import { Matrix, toMatrix, type MatrixLike } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { matvec } from '../../linalg/products.js';

export interface CoursePageRank {
  ranks: Float64Array;
  /** Passes after the first product, as the course counts them. */
  iterations: number;
}

/** The course loop, also returning its iteration count. */
export function pageRankWithCount(linkMatrix: MatrixLike, d: number, maxIter = 100_000): CoursePageRank {
  const L = toMatrix(linkMatrix, 'pageRank', 'linkMatrix');
  assertShape('pageRank', 'linkMatrix', L, L.cols, null);
  assertFiniteMatrix('pageRank', 'linkMatrix', L);
  if (typeof d !== 'number') throw new TypeError(`pageRank: d must be a number, got ${String(d)}`);
  if (!Number.isFinite(d)) throw new NonFiniteError(`pageRank: d is ${d}`);
  const n = L.rows;
  // M r = d L r + (1 - d)/n (sum r) 1, without forming M.
  const step = (r: Float64Array): Float64Array => {
    const Lr = matvec(L, r);
    const total = r.reduce((a, b) => a + b, 0);
    return Lr.map((v) => d * v + ((1 - d) / n) * total);
  };
  let r: Float64Array = new Float64Array(n).fill(100 / n);
  let last = r;
  r = step(r);
  let iterations = 0;
  // `!(change <= 0.01)` rather than `change > 0.01`: a link matrix that is not column-stochastic can
  // overflow the ranks, and a NaN change must not end the loop with a silent Infinity/NaN result
  // (it now reaches the cap). The change is a plain loop, not Math.hypot(...spread), which throws
  // for very long vectors. Cap -> ConvergenceError (was a plain RangeError).
  while (!(change(last, r) <= 0.01)) {
    if (iterations >= maxIter) throw new ConvergenceError(`pageRank: no convergence after ${maxIter} iterations (is the ${n}x${n} link matrix column-stochastic?)`);
    last = r;
    r = step(r);
    iterations++;
  }
  return { ranks: r, iterations };
}

/** ||a - b||_2 (entries of order 100: no scaling needed). */
function change(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** The course's pageRank: ranks summing to 100 (for a column-stochastic L). */
export function pageRank(linkMatrix: MatrixLike, d: number): Float64Array {
  return pageRankWithCount(linkMatrix, d).ranks;
}

/**
 * The course's random internet: entry [i][j] = 1 when |C[i][j]| / 2 > |i - j| + 1 for standard
 * Cauchy draws C (row-major), plus 1e-10 everywhere, columns normalised. Links are sparse and
 * local; an empty column becomes uniform 1/n.
 */
export function generateInternet(n: number, seed = 42): Matrix {
  if (!Number.isInteger(n) || n < 1) throw new ShapeError(`generateInternet: n must be a positive integer, got ${String(n)}`);
  const rng = new Random(seed);
  const L = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) L.data[i * n + j] = (Math.abs(rng.cauchy()) / 2 > Math.abs(i - j) + 1 ? 1 : 0) + 1e-10;
  }
  const sums = L.sum(0);
  return L.map((v, _i, j) => v / sums[j]);
}
