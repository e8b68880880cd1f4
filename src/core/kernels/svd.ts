// Thin shim over the WASM SVD driver (assembly/lapack/svd.ts): copies A in (m >= n, the caller
// transposes wide matrices), runs dgesvd, copies S, U and Vt out.

import { withScratch } from '../arena.js';
import { ConvergenceError } from '../errors.js';

/** 0: values only; 1: thin U (m x n); 2: full U (m x m). Vt is n x n whenever vectors are asked for. */
export type SvdJob = 0 | 1 | 2;

export interface SvdKernelResult {
  s: Float64Array;
  /** m x (job 2 ? m : n), row-major; null for job 0. */
  u: Float64Array | null;
  /** n x n, row-major; null for job 0. */
  vt: Float64Array | null;
}

/** SVD of the row-major m x n matrix a (m >= n >= 1; a is not modified). */
export function svdKernel(m: number, n: number, a: Float64Array, job: SvdJob, op: string): SvdKernelResult {
  return withScratch(op, (sc) => {
    const w = sc.wasm;
    const pa = sc.put(a);
    const ps = sc.allocF64(n);
    const uCols = job === 2 ? m : n;
    const pu = job ? sc.allocF64(m * uCols) : 0;
    const pvt = job ? sc.allocF64(n * n) : 0;
    const work = sc.alloc(w.dgesvdWorkBytes(m, n, job));
    const info = w.dgesvd(m, n, pa, n, ps, job, pu, uCols, pvt, n, work);
    if (info !== 0) {
      const how = job && w.svdSolver(-1) === 1
        ? `the bidiagonal divide and conquer (a secular equation after ${w.secularIterationCap(0)} iterations, or the implicit QR of a leaf)`
        : `the bidiagonal QR iteration (dbdsqr): ${info} superdiagonal entries left after ${6 * n * n} inner steps`;
      throw new ConvergenceError(`${op}: ${how} did not converge for a ${m}x${n} matrix`);
    }
    return { s: sc.take(ps, n), u: job ? sc.take(pu, m * uCols) : null, vt: job ? sc.take(pvt, n * n) : null };
  });
}

/** The SVD kernels' tuning parameters (tests and benchmarks; defaults chosen by measurement). */
export interface SvdTuning {
  /** Panel width of the blocked bidiagonalisation (dlabrd). */
  nb: number;
  /** dgebrd works unblocked on the last nx columns. */
  nx: number;
  /** m / n from which A = Q R is factored first, as [numerator, denominator]. */
  qrRatio: [number, number];
  /** Bidiagonal SVD with vectors: 'dc' divide and conquer (bdsdc, the default) or 'qr' implicit QR (dbdsqr). */
  solver: 'dc' | 'qr';
  /** Leaf size of the divide and conquer: nodes of at most this many rows are solved by implicit QR. */
  leaf: number;
}

/** Reads the tuning parameters, changing the ones given; returns the previous values. */
export function svdTuning(change: Partial<SvdTuning> = {}): SvdTuning {
  return withScratch('svdTuning', (s) => {
    const w = s.wasm;
    const ratio = w.svdQrRatio(0, 0);
    const previous: SvdTuning = {
      nb: w.svdBlocking(0, -1),
      nx: w.svdCrossover(),
      qrRatio: ratio === 1600 ? [8, 5] : [ratio, 1000],
      solver: w.svdSolver(-1) === 1 ? 'dc' : 'qr',
      leaf: w.bdsdcLeafSize(0),
    };
    w.svdBlocking(change.nb ?? 0, change.nx ?? -1);
    if (change.solver !== undefined) w.svdSolver(change.solver === 'dc' ? 1 : 0);
    if (change.leaf !== undefined) w.bdsdcLeafSize(change.leaf);
    if (change.qrRatio) w.svdQrRatio(change.qrRatio[0], change.qrRatio[1]);
    return previous;
  });
}
