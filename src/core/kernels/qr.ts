// Thin shim over the WASM Householder QR kernels (assembly/lapack/qr.ts): dgeqrf or dgeqp3 on a
// copy of A, then dorgqr for Q. R is copied out of the factored A before Q overwrites it.

import { withScratch } from '../arena.js';

export type QrMode = 'reduced' | 'complete' | 'r';

export interface QrKernelArgs {
  m: number;
  n: number;
  /** A, m x n row-major (not modified). */
  a: Float64Array;
  mode: QrMode;
  pivoting: boolean;
}

export interface QrKernelResult {
  /** Q, m x qCols row-major; null for mode 'r'. */
  q: Float64Array | null;
  qCols: number;
  /** R, rRows x n row-major, zero below the diagonal. */
  r: Float64Array;
  rRows: number;
  /** Column permutation (0-based) when pivoting: A[:, perm] = Q R. */
  perm: Int32Array | null;
}

/** Q, R (and perm) of A; empty inputs give empty factors (complete Q of an m x 0 matrix is I). */
export function qrKernel({ m, n, a, mode, pivoting }: QrKernelArgs): QrKernelResult {
  const k = Math.min(m, n);
  const qCols = mode === 'complete' ? m : k;
  const rRows = mode === 'complete' ? m : k;
  if (k === 0) {
    const q = mode === 'r' ? null : new Float64Array(m * qCols);
    if (q) for (let i = 0; i < Math.min(m, qCols); i++) q[i * qCols + i] = 1;
    return { q, qCols, r: new Float64Array(rRows * n), rRows, perm: pivoting ? Int32Array.from({ length: n }, (_, j) => j) : null };
  }
  return withScratch('qr', (s) => {
    const w = s.wasm;
    const pa = s.put(a);
    const ptau = s.allocF64(k);
    let perm: Int32Array | null = null;
    let pt = 0;
    let tCols = 0;
    if (pivoting) {
      const pj = s.alloc(n * 4);
      w.dgeqp3(m, n, pa, n, pj, ptau, s.alloc(w.dgeqp3WorkBytes(m, n)));
      perm = new Int32Array(n);
      perm.set(new Int32Array(w.memory.buffer, pj, n));
    } else if (mode === 'r') {
      w.dgeqrf(m, n, pa, n, ptau, s.alloc(w.dgeqrfWorkBytes(m, n)));
    } else {
      // keep the panels' T factors for dorgqr (it would form them again otherwise)
      pt = s.alloc(w.qrTBytes(m, n));
      tCols = w.dgeqrfKeepT(m, n, pa, n, ptau, pt, s.alloc(w.dgeqrfWorkBytes(m, n)));
    }
    const r = new Float64Array(rRows * n);
    const heap = s.heapF64();
    const base = pa / 8;
    for (let i = 0; i < k; i++) r.set(heap.subarray(base + i * n + i, base + (i + 1) * n), i * n + i);
    if (mode === 'r') return { q: null, qCols, r, rRows, perm };
    // Q in place of A when it has A's shape (reduced, m >= n); otherwise in its own buffer.
    const inPlace = qCols === n;
    const pq = inPlace ? pa : s.allocF64(m * qCols);
    const work = s.alloc(w.dorgqrWorkBytes(m, qCols, k));
    if (tCols > 0) w.dorgqrWithT(m, qCols, k, pa, n, ptau, pt, tCols, pq, qCols, work);
    else w.dorgqr(m, qCols, k, pa, n, ptau, pq, qCols, work);
    return { q: s.take(pq, m * qCols), qCols, r, rRows, perm };
  });
}

/** The QR kernels' blocking parameters (tests and benchmarks; defaults chosen by measurement). */
export interface QrBlocking {
  /** Panel width of dgeqrf/dorgqr. */
  nb: number;
  /** Columns dgeqrf leaves to the unblocked code at the end. */
  nx: number;
  /** Panel width of the pivoted QR (dlaqps). */
  pivotNb: number;
  /** Columns the pivoted QR leaves to the unblocked dlaqp2. */
  pivotNx: number;
}

/** Reads the blocking parameters, changing the ones given; returns the previous values. */
export function qrBlocking(change: Partial<QrBlocking> = {}): QrBlocking {
  return withScratch('qrBlocking', (s) => {
    const w = s.wasm;
    const previous = { nb: w.qrBlockSize(0), nx: w.qrCrossover(-1), pivotNb: w.qrPivotBlockSize(0), pivotNx: w.qrPivotCrossover(-1) };
    if (change.nb !== undefined) w.qrBlockSize(change.nb);
    if (change.nx !== undefined) w.qrCrossover(change.nx);
    if (change.pivotNb !== undefined) w.qrPivotBlockSize(change.pivotNb);
    if (change.pivotNx !== undefined) w.qrPivotCrossover(change.pivotNx);
    return previous;
  });
}
