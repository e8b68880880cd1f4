// The covariance of a data matrix, XcᵀXc / (N - 1) with Xc = X - mean, without a centred copy in
// JavaScript: X is centred as it is written into the engine's linear memory, and the symmetric
// rank-k product (WASM dsyrk, split over the thread pool when one runs) works on it there. On
// MNIST (10000 x 784) this saves allocating and filling a 63 MB array and copying it in again
// (bench/suites/pca.mjs profiles the phases). Constant columns can be left out (pca-solvers.ts).

import { withScratch } from '../core/arena.js';
import { syrkPlaced } from '../core/kernels/syrk.js';
import { Matrix } from '../core/matrix.js';

/**
 * (X - mean)ᵀ(X - mean) / (N - 1) restricted to the columns `cols` of X (all by default):
 * |cols| x |cols|, exactly symmetric.
 */
export function centredCovariance(X: Matrix, mean: Float64Array, cols?: Int32Array): Matrix {
  const { rows: N, cols: width, data } = X;
  const D = cols ? cols.length : width;
  return withScratch('pca', (s) => {
    const px = s.allocF64(N * D);
    const heap = s.heapF64();
    const base = px / 8;
    const m = cols ? Float64Array.from(cols, (j) => mean[j]) : mean;
    for (let i = 0; i < N; i++) {
      const src = i * width;
      const dst = base + i * D;
      if (cols) for (let c = 0; c < D; c++) heap[dst + c] = data[src + cols[c]] - m[c];
      else for (let j = 0; j < D; j++) heap[dst + j] = data[src + j] - m[j];
    }
    const pc = syrkPlaced(s, 'pca', { rows: N, cols: D, px, outer: false, alpha: 1 / (N - 1) });
    const c = s.take(pc, D * D);
    for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) c[i * D + j] = c[j * D + i];
    return new Matrix(D, D, c);
  });
}
