// Thin shim over the WASM general eigensolver (assembly/lapack/eig/geev.ts, LAPACK dgeev): one
// call runs balancing, Hessenberg reduction, the QR algorithm and the eigenvector computation.

import { withScratch } from '../arena.js';

export interface EigKernelResult {
  /** Real and imaginary parts of the eigenvalues (pairs adjacent, positive imaginary first). */
  wr: Float64Array;
  wi: Float64Array;
  /**
   * Right eigenvectors as n x n row-major real and imaginary parts, column j belonging to
   * eigenvalue j, unit 2-norm, sign and phase normalized (dgeevVectors). Null when not requested
   * or when the iteration failed.
   */
  re: Float64Array | null;
  im: Float64Array | null;
  /** 0, or i > 0: the QR iteration did not converge; eigenvalues i..n-1 (0-based) are valid. */
  info: number;
}

/** Eigenvalues (and right eigenvectors) of the row-major n x n matrix a (not modified). */
export function eigKernel(n: number, a: Float64Array, vectors: boolean): EigKernelResult {
  if (n === 0) {
    const empty = vectors ? new Float64Array(0) : null;
    return { wr: new Float64Array(0), wi: new Float64Array(0), re: empty, im: empty, info: 0 };
  }
  return withScratch('eig', (s) => {
    const w = s.wasm;
    const pa = s.put(a);
    const pwr = s.allocF64(n);
    const pwi = s.allocF64(n);
    const pvr = vectors ? s.allocF64(n * n) : 0;
    const work = s.alloc(w.dgeevWorkBytes(n, vectors ? 1 : 0));
    const info = w.dgeev(n, pa, vectors ? 1 : 0, pwr, pwi, pvr, work);
    const wr = s.take(pwr, n);
    const wi = s.take(pwi, n);
    if (!vectors || info !== 0) return { wr, wi, re: null, im: null, info };
    // normalized vectors into the (no longer needed) workspace
    const pre = work;
    const pim = work + n * n * 8;
    const scratch = pim + n * n * 8;
    w.dgeevVectors(n, pwi, pvr, pre, pim, scratch, scratch + n * 8);
    return { wr, wi, re: s.take(pre, n * n), im: s.take(pim, n * n), info };
  });
}

/** The general eigensolver's blocking parameters (tests and benchmarks). */
export interface EigBlocking {
  /** Panel width of the blocked Hessenberg reduction and of dorghr. */
  hessenbergNb: number;
  /** Columns the Hessenberg reduction leaves to the unblocked code at the end. */
  hessenbergNx: number;
  /** Eigenvectors back-transformed per gemm (>= 3). */
  trevcNb: number;
  /** QR iterations allowed per max(10, order): LAPACK's 30 (tests lower it to reach ConvergenceError). */
  iterationFactor: number;
}

/** Reads the blocking parameters, changing the ones given; returns the previous values. */
export function eigBlocking(change: Partial<EigBlocking> = {}): EigBlocking {
  return withScratch('eigBlocking', (s) => {
    const w = s.wasm;
    const previous = {
      hessenbergNb: w.hessenbergBlockSize(0),
      hessenbergNx: w.hessenbergCrossover(-1),
      trevcNb: w.trevcBlockSize(0),
      iterationFactor: w.eigIterationFactor(-1),
    };
    if (change.hessenbergNb !== undefined) w.hessenbergBlockSize(change.hessenbergNb);
    if (change.hessenbergNx !== undefined) w.hessenbergCrossover(change.hessenbergNx);
    if (change.trevcNb !== undefined) w.trevcBlockSize(change.trevcNb);
    if (change.iterationFactor !== undefined) w.eigIterationFactor(change.iterationFactor);
    return previous;
  });
}
