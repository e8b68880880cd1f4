// Reciprocal condition number estimate in the 1-norm from an LU factorization (LAPACK dgecon):
// ||A^-1||_1 by Hager's method as refined by Higham (dlacn2), using solves with A and Aᵀ.
// O(n^2) per solve, at most 5 iterations plus a final alternative test.

import type { Scratch } from '../core/arena.js';
import type { Matrix } from '../core/matrix.js';
import type { PlacedLu } from './lu.js';

/** ||A||_1: the largest absolute column sum. */
export function norm1(a: Matrix): number {
  const sums = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) sums[j] += Math.abs(a.data[i * a.cols + j]);
  let best = 0;
  for (const v of sums) if (v > best || Number.isNaN(v)) best = v;
  return best;
}

/** Solves op(A) x = v in place through the placed factors (v is a length-n scratch vector at px). */
function solveWith(s: Scratch, f: PlacedLu, px: number, v: Float64Array, trans: boolean): Float64Array {
  s.heapF64().set(v, px / 8);
  s.wasm.dgetrs(trans ? 1 : 0, f.n, 1, f.lu, f.n, f.ipiv, px, 1, f.work);
  return s.heapF64().slice(px / 8, px / 8 + f.n);
}

const sum1 = (v: Float64Array) => v.reduce((acc, x) => acc + Math.abs(x), 0);
const signs = (v: Float64Array) => v.map((x) => (x >= 0 ? 1 : -1));

/** 1 / (||A||_1 * estimate of ||A^-1||_1); 0 for an exactly singular factorization. */
export function rcondEstimate(s: Scratch, f: PlacedLu, anorm: number): number {
  const n = f.n;
  if (f.info > 0) return 0;
  if (n === 0) return Infinity;
  if (anorm === 0) return 0;
  const px = s.allocF64(n);
  let x = new Float64Array(n).fill(1 / n);
  let y = solveWith(s, f, px, x, false);
  let est = sum1(y);
  if (n === 1) return 1 / (anorm * est);
  let xi = signs(y);
  let z = solveWith(s, f, px, xi, true);
  for (let iter = 0; iter < 5; iter++) {
    let j = 0;
    for (let i = 1; i < n; i++) if (Math.abs(z[i]) > Math.abs(z[j])) j = i;
    if (iter > 0) {
      let zx = 0;
      for (let i = 0; i < n; i++) zx += z[i] * x[i];
      if (Math.abs(z[j]) <= zx) break;
    }
    x = new Float64Array(n);
    x[j] = 1;
    y = solveWith(s, f, px, x, false);
    const next = sum1(y);
    const newSigns = signs(y);
    if (next <= est || newSigns.every((v, i) => v === xi[i])) {
      est = Math.max(est, next);
      break;
    }
    est = next;
    xi = newSigns;
    z = solveWith(s, f, px, xi, true);
  }
  // Higham's alternative vector guards against the method's known failures.
  const alt = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + i / (n - 1)));
  const altEst = (2 * sum1(solveWith(s, f, px, alt, false))) / (3 * n);
  if (altEst > est) est = altEst;
  return 1 / (anorm * est);
}
