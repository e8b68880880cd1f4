// svd and svdvals (numpy.linalg.svd / scipy.linalg.svdvals): Golub-Kahan bidiagonalisation and the
// bidiagonal SVD in the WASM kernels of assembly/lapack/svd.ts (QR first for tall matrices, as
// LAPACK dgesdd), the bidiagonal SVD with vectors by divide and conquer (assembly/lapack/bdsdc.ts,
// LAPACK dbdsdc), values only by implicit QR (dbdsqr). Wide matrices are decomposed through their
// transpose. Time (bench/results/svd.json, one run on a loaded machine): the 2000x784 thin svd
// takes 1.80x numpy's (653 / 362 ms; svdvals 1.96x), 1/47 of ml-matrix's; the divide and conquer
// made it 1.53x faster than implicit QR on the vectors (996 ms).
//
// Conventions: S descending and non-negative; thin by default (U m x k, Vt k x n, k = min(m, n));
// signs: the entry of largest absolute value in each column of U is positive (signs.ts).

import { assertFiniteMatrix } from '../core/checks.js';
import { LinAlgError } from '../core/errors.js';
import { svdKernel, type SvdJob } from '../core/kernels/svd.js';
import { Matrix, toMatrix, type MatrixLike } from '../core/matrix.js';
import { normalizeSigns, pivotRow } from './signs.js';

export interface SvdOptions {
  /** false (default): U m x k, Vt k x n with k = min(m, n); true: U m x m, Vt n x n. */
  full?: boolean;
}

/** A = U diag(S) Vt. */
export interface SvdResult {
  U: Matrix;
  /** Singular values, descending, non-negative. */
  S: Float64Array;
  Vt: Matrix;
}

/**
 * Singular value decomposition A = U diag(S) Vt. S is descending; U and Vt have orthonormal
 * columns and rows. Thin by default (U m x k, Vt k x n, k = min(m, n)); `{ full: true }` gives
 * square U (m x m) and Vt (n x n). The entry of largest absolute value in each column of U is
 * positive. Throws NonFiniteError for NaN or Infinity, ConvergenceError if an iteration reaches
 * its cap (a secular equation of the divide and conquer: 30 steps; implicit QR: 6 k^2 inner
 * steps; never met in practice).
 */
export function svd(A: MatrixLike, options: SvdOptions = {}): SvdResult {
  const a = toMatrix(A, 'svd', 'A');
  if (options === null || typeof options !== 'object') throw new TypeError(`svd: options must be an object, got ${String(options)}`);
  const full = options.full ?? false;
  if (typeof full !== 'boolean') throw new TypeError(`svd: full must be a boolean, got ${JSON.stringify(full)}`);
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  if (k === 0) {
    return full
      ? { U: Matrix.eye(m), S: new Float64Array(0), Vt: Matrix.eye(n) }
      : { U: new Matrix(m, 0), S: new Float64Array(0), Vt: new Matrix(0, n) };
  }
  const { data, shift } = prepare('svd', a);
  const wide = m < n;
  // The kernel wants m >= n: a wide A is decomposed as Aᵀ = U' S Vt', so A = Vt'ᵀ S U'ᵀ.
  const tall = wide ? transposeData(m, n, data) : data;
  const M = wide ? n : m;
  const job: SvdJob = full ? 2 : 1;
  const { s, u, vt } = svdKernel(M, k, tall, job, 'svd');
  const S = unscale('svd', s, shift, m, n);
  const uCols = full ? M : k;
  let U: Matrix;
  let Vt: Matrix;
  if (!wide) {
    U = new Matrix(m, uCols, u!);
    Vt = new Matrix(k, n, vt!);
  } else {
    U = new Matrix(m, m, transposeData(m, m, vt!)); // Vt'ᵀ (k = m)
    Vt = new Matrix(uCols, n, transposeData(n, uCols, u!)); // U'ᵀ
  }
  applySignConvention(U, Vt);
  return { U, S, Vt };
}

/**
 * The singular values of A, descending (scipy.linalg.svdvals; numpy's svd(A, compute_uv=False)).
 * Much cheaper than svd: no singular vectors are formed.
 */
export function svdvals(A: MatrixLike): Float64Array {
  const a = toMatrix(A, 'svdvals', 'A');
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  if (k === 0) return new Float64Array(0);
  const { data, shift } = prepare('svdvals', a);
  const tall = m < n ? transposeData(m, n, data) : data;
  const { s } = svdKernel(Math.max(m, n), k, tall, 0, 'svdvals');
  return unscale('svdvals', s, shift, m, n);
}

/** Checks A and scales it by 2^shift (exact) when its largest entry is outside LAPACK's safe range. */
function prepare(op: string, a: Matrix): { data: Float64Array; shift: number } {
  const amax = maxAbs(a.data);
  if (!Number.isFinite(amax)) assertFiniteMatrix(op, 'A', a); // throws NonFiniteError naming the entry
  const shift = rangeShift(amax);
  return { data: shift === 0 ? a.data : a.data.map((x) => scaleByPow2(x, shift)), shift };
}

/** S of 2^shift A scaled back; throws LinAlgError when a singular value exceeds float64. */
function unscale(op: string, s: Float64Array, shift: number, m: number, n: number): Float64Array {
  if (shift === 0) return s;
  for (let i = 0; i < s.length; i++) s[i] = scaleByPow2(s[i], -shift);
  if (!Number.isFinite(s[0])) {
    throw new LinAlgError(`${op}: the largest singular value of A (${m}x${n}) exceeds ${Number.MAX_VALUE}; scale A down first`);
  }
  return s;
}

/** In each column of U the entry of largest magnitude is positive; the matching row of Vt (if any) flips with it. */
function applySignConvention(U: Matrix, Vt: Matrix): void {
  if (U.cols === Vt.rows) {
    normalizeSigns(U, Vt);
    return;
  }
  // full U of a tall matrix: columns k..m-1 (a basis of the left null space) have no row in Vt
  const { rows: m, cols: c, data } = U;
  for (let j = 0; j < c; j++) {
    if (data[pivotRow(U, j) * c + j] >= 0) continue;
    for (let i = 0; i < m; i++) data[i * c + j] = -data[i * c + j];
    if (j < Vt.rows) for (let t = 0; t < Vt.cols; t++) Vt.data[j * Vt.cols + t] = -Vt.data[j * Vt.cols + t];
  }
}

/** The n x m transpose of the row-major m x n data. */
function transposeData(m: number, n: number, x: Float64Array): Float64Array {
  const out = new Float64Array(m * n);
  for (let i0 = 0; i0 < m; i0 += 32) {
    const i1 = Math.min(m, i0 + 32);
    for (let j0 = 0; j0 < n; j0 += 32) {
      const j1 = Math.min(n, j0 + 32);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * m + i] = x[i * n + j];
    }
  }
  return out;
}

/** max |x| (NaN when x has a NaN, Infinity when it has an infinity). */
function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let t = 0; t < x.length; t++) {
    const v = Math.abs(x[t]);
    if (!(v <= m)) m = v;
    if (m !== m) return NaN;
  }
  return m;
}

/**
 * LAPACK dgesdd scales A when max |A| lies outside [smlnum, bignum], smlnum = sqrt(safmin) / eps
 * = 2^-459, bignum = 1 / smlnum: there sums of squares in the reflectors and rotations could
 * under- or overflow. We scale by a power of two (exact) to bring max |A| near 1. 0: no scaling.
 */
function rangeShift(amax: number): number {
  if (amax === 0) return 0;
  const e = Math.floor(Math.log2(amax));
  if (e > 458 || e < -459) return -e;
  return 0;
}

/** x * 2^k, exactly (unless the result over- or underflows), for any |k| <= 2098. */
function scaleByPow2(x: number, k: number): number {
  const h = Math.trunc(k / 2);
  return x * 2 ** h * 2 ** (k - h);
}
