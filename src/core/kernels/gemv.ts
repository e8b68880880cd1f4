// Thin shim over the WASM dgemv: y = alpha * op(A) x + beta * y on plain row-major arrays.

import { withScratch, type Scratch } from '../arena.js';

export interface GemvArgs {
  /** Rows of A as stored. */
  m: number;
  /** Columns of A as stored. */
  n: number;
  /** A, m x n row-major. */
  a: Float64Array;
  /** x: length n, or m when trans. */
  x: Float64Array;
  /** Use Aᵀ. */
  trans?: boolean;
  alpha?: number;
  beta?: number;
  /** y for beta != 0 (not modified; the result is a new array). */
  y?: Float64Array;
}

/** alpha * op(A) x + beta * y as a new array (length m, or n when trans). */
export function gemv(args: GemvArgs): Float64Array {
  const { m, n, a, x, trans = false, alpha = 1, beta = 0, y } = args;
  const len = trans ? n : m;
  return withScratch('matvec', (s) => {
    const pa = s.put(a);
    const px = s.put(x);
    const py = beta !== 0 && y ? s.put(y) : s.allocF64(len);
    runDgemv(s, trans, m, n, alpha, pa, n, px, beta, py);
    return s.take(py, len);
  });
}

/** A gemv on operands already in linear memory (for iterative kernels that keep their data there). */
export function runDgemv(s: Scratch, trans: boolean, m: number, n: number, alpha: number, pa: number, lda: number, px: number, beta: number, py: number): void {
  s.wasm.dgemv(trans ? 1 : 0, m, n, alpha, pa, lda, px, beta, py);
}
