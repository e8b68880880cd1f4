// Reciprocal condition number estimate in the 1-norm from an LU factorization (LAPACK dgecon):
// ||B^-1||_1 by Hager's method as refined by Higham (dlacn2), using solves with A and Aᵀ.
// O(n^2) per solve, at most 5 iterations plus a final alternative test.
//
// B is A equilibrated, B = R A C with power-of-two row and column scalings (LAPACK dgeequb): a
// graded but well-scaled system such as diag(1, 1e-20) is solved to full accuracy by partial
// pivoting, so it must not count as numerically singular. B^-1 = C^-1 A^-1 R^-1 reuses A's factors.

import type { Scratch } from '../core/arena.js';
import type { Matrix } from '../core/matrix.js';
import type { PlacedLu } from './lu.js';

/** Power-of-two row scalings r, then column scalings c of R A, bringing maxima near 1 (dgeequb). */
export function equilibration(a: Matrix): { r: Float64Array; c: Float64Array } {
  const { rows: m, cols: n, data } = a;
  const scaleFor = (max: number) => (max > 0 && Number.isFinite(max) ? 2 ** -Math.round(Math.log2(max)) : 1);
  const r = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let max = 0;
    for (let j = 0; j < n; j++) max = Math.max(max, Math.abs(data[i * n + j]));
    r[i] = scaleFor(max);
  }
  const cmax = new Float64Array(n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) cmax[j] = Math.max(cmax[j], Math.abs(r[i] * data[i * n + j]));
  return { r, c: cmax.map(scaleFor) };
}

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

/**
 * 1 / (||B||_1 * estimate of ||B^-1||_1) for B = R A C, the equilibrated A whose factors `f` are;
 * 0 for an exactly singular factorization.
 */
export function rcondEstimate(s: Scratch, f: PlacedLu, a: Matrix): number {
  const n = f.n;
  if (f.info > 0) return 0;
  if (n === 0) return Infinity;
  const { r, c } = equilibration(a);
  // ||R A C||_1 without forming R A C.
  const colSums = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) colSums[j] += Math.abs(r[i] * a.data[i * n + j]);
  let anorm = 0;
  for (let j = 0; j < n; j++) anorm = Math.max(anorm, colSums[j] * c[j]);
  if (anorm === 0) return 0;
  const px = s.allocF64(n);
  // B^-1 v = C^-1 A^-1 R^-1 v and B^-T v = R^-1 A^-T C^-1 v.
  const solveB = (v: Float64Array, trans: boolean): Float64Array => {
    const [pre, post] = trans ? [c, r] : [r, c];
    const y = solveWith(s, f, px, v.map((x, i) => x / pre[i]), trans);
    return y.map((x, i) => x / post[i]);
  };
  let x = new Float64Array(n).fill(1 / n);
  let y = solveB(x, false);
  let est = sum1(y);
  if (n === 1) return 1 / (anorm * est);
  let xi = signs(y);
  let z = solveB(xi, true);
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
    y = solveB(x, false);
    const next = sum1(y);
    const newSigns = signs(y);
    if (next <= est || newSigns.every((v, i) => v === xi[i])) {
      est = Math.max(est, next);
      break;
    }
    est = next;
    xi = newSigns;
    z = solveB(xi, true);
  }
  // Higham's alternative vector guards against the method's known failures.
  const alt = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + i / (n - 1)));
  const altEst = (2 * sum1(solveB(alt, false))) / (3 * n);
  if (altEst > est) est = altEst;
  return 1 / (anorm * est);
}
