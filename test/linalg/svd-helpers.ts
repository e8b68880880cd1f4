// Measures and the invariant check shared by the SVD tests (svd.test.ts, svd-dc.test.ts).
import { expect } from 'vitest';
import { matmul, Matrix, svd } from '../../src/index.js';

export const EPS = 2 ** -52;

// ---- Measures (scaled so that entries near 1e±300 neither overflow nor underflow) ------------

/** Frobenius norm, scaled by the largest entry. */
export function fro(v: Float64Array): number {
  let max = 0;
  for (let t = 0; t < v.length; t++) max = Math.max(max, Math.abs(v[t]));
  if (max === 0 || !Number.isFinite(max)) return max;
  let s = 0;
  for (let t = 0; t < v.length; t++) s += (v[t] / max) ** 2;
  return max * Math.sqrt(s);
}

/** ||U[:, :k] diag(S) Vt[:k, :] - A||_F / ||A||_F, computed on A / max|A| (no overflow at 1e300). */
export function reconstructionError(A: Matrix, U: Matrix, S: Float64Array, Vt: Matrix): number {
  const { rows: m, cols: n } = A;
  const k = S.length;
  let amax = 0;
  for (const x of A.data) amax = Math.max(amax, Math.abs(x));
  if (amax === 0) amax = 1;
  const US = new Matrix(m, k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) US.data[i * k + j] = U.data[i * U.cols + j] * (S[j] / amax);
  const Vk = new Matrix(k, n, Vt.data.slice(0, k * n));
  const diff = matmul(US, Vk).sub(A.scale(1 / amax));
  const a = fro(A.scale(1 / amax).data);
  return a === 0 ? fro(diff.data) : fro(diff.data) / a;
}

/** ||QᵀQ - I||_F for the columns of Q. */
export function orthogonalityOfColumns(Q: Matrix): number {
  return fro(matmul(Q, Q, { transA: true }).sub(Matrix.eye(Q.cols)).data);
}

/** ||Q Qᵀ - I||_F for the rows of Q. */
export function orthogonalityOfRows(Q: Matrix): number {
  return fro(matmul(Q, Q, { transB: true }).sub(Matrix.eye(Q.rows)).data);
}

/** Whether the entry of largest magnitude in each column of U (the first, on ties) is positive. */
export function signConventionHolds(U: Matrix): boolean {
  for (let j = 0; j < U.cols; j++) {
    let best = -1;
    let at = 0;
    for (let i = 0; i < U.rows; i++) {
      const v = Math.abs(U.get(i, j));
      if (v > best) {
        best = v;
        at = i;
      }
    }
    if (U.rows > 0 && U.get(at, j) < 0) return false;
  }
  return true;
}

/** Every invariant of an SVD with the documented bound 100 max(m, n) eps. */
export function expectValidSvd(A: Matrix, full = false, tolFactor = 100): { U: Matrix; S: Float64Array; Vt: Matrix } {
  const before = A.data.slice();
  const result = svd(A, { full });
  const { U, S, Vt } = result;
  const { rows: m, cols: n } = A;
  const k = Math.min(m, n);
  const tol = tolFactor * Math.max(m, n, 1) * EPS;
  expect(U.shape).toEqual(full ? [m, m] : [m, k]);
  expect(Vt.shape).toEqual(full ? [n, n] : [k, n]);
  expect(S.length).toBe(k);
  expect(A.data).toEqual(before); // input not modified
  for (let i = 0; i < k; i++) {
    expect(S[i]).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(S[i]).toBeLessThanOrEqual(S[i - 1]);
  }
  expect(reconstructionError(A, U, S, Vt)).toBeLessThanOrEqual(tol);
  expect(orthogonalityOfColumns(U)).toBeLessThanOrEqual(tol);
  expect(orthogonalityOfRows(Vt)).toBeLessThanOrEqual(tol);
  expect(signConventionHolds(U)).toBe(true);
  return result;
}

