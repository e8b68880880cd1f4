// The covariance of a data matrix, XcᵀXc / (N - 1) with Xc = X - mean, without a centred copy in
// JavaScript: X is centred as it is written into the engine's linear memory, and the symmetric
// rank-k product (WASM dsyrk, split over the thread pool when one runs) works on it there. On
// MNIST (10000 x 784) this saves allocating and filling a 63 MB array and copying it in again
// (bench/suites/pca.mjs profiles the phases).

import { withScratch } from '../core/arena.js';
import { syrkPlaced } from '../core/kernels/syrk.js';
import { Matrix } from '../core/matrix.js';

/** (X - mean)ᵀ(X - mean) / (N - 1), D x D, exactly symmetric. */
export function centredCovariance(X: Matrix, mean: Float64Array): Matrix {
  const { rows: N, cols: D, data } = X;
  return withScratch('pca', (s) => {
    const px = s.allocF64(N * D);
    const heap = s.heapF64();
    const base = px / 8;
    for (let i = 0; i < N; i++) {
      const off = i * D;
      for (let j = 0; j < D; j++) heap[base + off + j] = data[off + j] - mean[j];
    }
    const pc = syrkPlaced(s, 'pca', { rows: N, cols: D, px, outer: false, alpha: 1 / (N - 1) });
    const c = s.take(pc, D * D);
    for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) c[i * D + j] = c[j * D + i];
    return new Matrix(D, D, c);
  });
}
