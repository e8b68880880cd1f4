// LU factorization with partial pivoting (LAPACK dgetrf in WASM), and the factored form that
// solve, inv, det and the condition estimate share.

import { withScratch, type Scratch } from '../core/arena.js';
import { Matrix, type MatrixLike } from '../core/matrix.js';
import { finiteMatrix } from './input.js';

/** An LU factorization living in WASM memory for the duration of a withScratch call. */
export interface PlacedLu {
  n: number;
  /** Factors (L below the diagonal, U on and above), row-major, byte address. */
  lu: number;
  /** Pivot rows, i32, byte address. */
  ipiv: number;
  /** gemm scratch for the solves. */
  work: number;
  /** 0, or 1 + the first column with an exactly zero pivot. */
  info: number;
}

/** Scratch bytes for the gemm calls of an LU of order up to n with up to nrhs right-hand sides. */
export function luWorkBytes(s: Scratch, n: number, nrhs: number): number {
  const side = Math.max(n, nrhs, 1);
  return s.wasm.dgemmWorkBytes(side, side, side);
}

/** Factors the (checked, square) matrix in WASM memory. */
export function placeLu(s: Scratch, a: Matrix, nrhs = 1): PlacedLu {
  const n = a.rows;
  const lu = s.put(a.data);
  const ipiv = s.alloc(Math.max(n, 1) * 4);
  const work = s.alloc(luWorkBytes(s, n, nrhs));
  const info = s.wasm.dgetrf(n, n, lu, n, ipiv, work);
  return { n, lu, ipiv, work, info };
}

/** Sign (+1 or -1) of the row permutation recorded in ipiv. */
export function permutationSign(s: Scratch, f: PlacedLu): number {
  const ipiv = new Int32Array(s.wasm.memory.buffer, f.ipiv, f.n);
  let sign = 1;
  for (let j = 0; j < f.n; j++) if (ipiv[j] !== j) sign = -sign;
  return sign;
}

export interface LuResult {
  /** Permutation matrix, A = P L U. */
  P: Matrix;
  /** Unit lower triangular, m x k (k = min(m, n)). */
  L: Matrix;
  /** Upper triangular, k x n. */
  U: Matrix;
  /** Row order: A[perm[i], :] = (L U)[i, :], i.e. P[perm[i], i] = 1. */
  perm: Int32Array;
}

/**
 * LU factorization with partial pivoting, A = P L U (scipy.linalg.lu), for any m x n matrix.
 * The pivot of each column is its first entry of largest magnitude, as in LAPACK. A singular
 * matrix factors too (U then has a zero on its diagonal); solve and inv are the ones that throw.
 */
export function lu(A: MatrixLike): LuResult {
  const a = finiteMatrix('lu', A);
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const { factors, ipiv } = withScratch('lu', (s) => {
    const p = s.put(a.data);
    const piv = s.alloc(Math.max(k, 1) * 4);
    const work = s.alloc(luWorkBytes(s, Math.max(m, n), n));
    s.wasm.dgetrf(m, n, p, n, piv, work);
    return { factors: s.take(p, m * n), ipiv: new Int32Array(s.wasm.memory.buffer, piv, k).slice() };
  });
  const L = new Matrix(m, k);
  const U = new Matrix(k, n);
  for (let i = 0; i < m; i++) {
    const row = factors.subarray(i * n, (i + 1) * n);
    L.data.set(row.subarray(0, Math.min(i, k)), i * k);
    if (i < k) {
      L.data[i * k + i] = 1;
      U.data.set(row.subarray(i), i * n + i);
    }
  }
  // Replay the interchanges on the identity order: row i of L U is row perm[i] of A.
  const perm = Int32Array.from({ length: m }, (_, i) => i);
  for (let j = 0; j < k; j++) {
    const p = ipiv[j];
    const t = perm[j];
    perm[j] = perm[p];
    perm[p] = t;
  }
  const P = new Matrix(m, m);
  for (let i = 0; i < m; i++) P.data[perm[i] * m + i] = 1;
  return { P, L, U, perm };
}
