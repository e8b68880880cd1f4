// Thin shim over the WASM dgemm (the tfjs-backend-wasm shape: validate, place data, call one
// export). Works on plain row-major Float64Arrays so that core/matrix.ts can use it without a cycle.

import { withScratch } from '../arena.js';

export interface GemmArgs {
  /** Rows of op(A) and of C. */
  m: number;
  /** Columns of op(B) and of C. */
  n: number;
  /** Columns of op(A) = rows of op(B). */
  k: number;
  /** A stored row-major: m x k, or k x m when transA. */
  a: Float64Array;
  /** B stored row-major: k x n, or n x k when transB. */
  b: Float64Array;
  transA?: boolean;
  transB?: boolean;
  alpha?: number;
  beta?: number;
  /** C (m x n) for beta != 0; not modified: the result is a new array. */
  c?: Float64Array;
}

/**
 * Products with fewer multiply-adds than this run in plain JavaScript: below it the fixed cost of
 * entering WASM and copying operands exceeds the work (measured: bench/matmul-small.bench.mjs).
 */
export const SMALL_GEMM_FLOPS = 4096;

/** C = alpha * op(A) op(B) + beta * C as a new m x n row-major array. */
export function gemm(args: GemmArgs): Float64Array {
  const { m, n, k, a, b } = args;
  const transA = args.transA ?? false;
  const transB = args.transB ?? false;
  const alpha = args.alpha ?? 1;
  const beta = args.beta ?? 0;
  if (m === 0 || n === 0) return new Float64Array(m * n);
  if (k === 0 || alpha === 0) {
    // BLAS semantics: A and B are not referenced; C = beta * C (zeros when beta is 0).
    const out = new Float64Array(m * n);
    if (beta !== 0 && args.c) for (let t = 0; t < m * n; t++) out[t] = beta * args.c[t];
    return out;
  }
  if (m * n * k <= SMALL_GEMM_FLOPS) return gemmJs(m, n, k, a, b, transA, transB, alpha, beta, args.c);
  return withScratch('matmul', (s) => {
    const pa = s.put(a);
    const pb = s.put(b);
    const pc = beta !== 0 && args.c ? s.put(args.c) : s.allocF64(m * n);
    const work = s.alloc(s.wasm.dgemmWorkBytes(m, n, k));
    s.wasm.dgemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, pa, transA ? m : k, pb, transB ? k : n, beta, pc, n, work);
    return s.take(pc, m * n);
  });
}

/** The same product in JavaScript for tiny shapes (i-p-j order: unit stride on B and C). */
function gemmJs(
  m: number, n: number, k: number, a: Float64Array, b: Float64Array,
  transA: boolean, transB: boolean, alpha: number, beta: number, c0: Float64Array | undefined,
): Float64Array {
  const acc = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = transA ? a[p * m + i] : a[i * k + p];
      if (transB) {
        for (let j = 0; j < n; j++) acc[ci + j] += aip * b[j * k + p];
      } else {
        const bp = p * n;
        for (let j = 0; j < n; j++) acc[ci + j] += aip * b[bp + j];
      }
    }
  }
  for (let t = 0; t < m * n; t++) {
    const v = alpha * acc[t];
    acc[t] = beta !== 0 && c0 ? beta * c0[t] + v : v;
  }
  return acc;
}
