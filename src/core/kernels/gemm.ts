// Thin shim over the WASM dgemm (the tfjs-backend-wasm shape: validate, place data, call one
// export). Works on plain row-major Float64Arrays so that core/matrix.ts can use it without a cycle.
// With a thread pool (setThreads), large products are split into row or column blocks of C, one
// per thread; every entry of C is still computed by one thread in the same order, so results are
// bit-for-bit those of one thread.

import { withScratch, type Scratch } from '../arena.js';

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
  /** Arithmetic precision: 'float64' (default) or 'float32' (operands and result rounded to float32). */
  dtype?: Dtype;
  /**
   * Where to write the m x n result (returned) instead of a new array. Saves allocating the
   * result, most of the copy-out cost (bench copy). May alias a, b or c: they are read first.
   */
  out?: Float64Array;
}

export type Dtype = 'float64' | 'float32';

/**
 * Products with at most this many multiply-adds run in plain JavaScript: below it the fixed cost of
 * entering WASM and copying operands exceeds the work (measured by `npm run bench -- small`).
 */
export const SMALL_GEMM_FLOPS = 256;

/** GemmArgs with every default filled in. */
type GemmCall = Required<Omit<GemmArgs, 'c' | 'out'>> & { c: Float64Array | undefined; out: Float64Array | undefined };

function withDefaults(args: GemmArgs): GemmCall {
  return { transA: false, transB: false, alpha: 1, beta: 0, dtype: 'float64', ...args, c: args.c, out: args.out };
}

/** C = alpha * op(A) op(B) + beta * C as a new m x n row-major array. */
export function gemm(args: GemmArgs): Float64Array {
  const call = withDefaults(args);
  const { m, n, k, alpha, beta, c, out } = call;
  const into = (result: Float64Array): Float64Array => (out ? (out.set(result), out) : result);
  if (m === 0 || n === 0) return into(new Float64Array(m * n));
  if (k === 0 || alpha === 0) {
    // BLAS semantics: A and B are not referenced; C = beta * C (zeros when beta is 0).
    const zero = new Float64Array(m * n);
    if (beta !== 0 && c) for (let t = 0; t < m * n; t++) zero[t] = beta * c[t];
    return into(zero);
  }
  return m * n * k <= SMALL_GEMM_FLOPS && call.dtype === 'float64' ? into(gemmJs({ ...call, out: undefined })) : gemmWasm(call);
}

/** The WASM path of gemm, whatever the size (the bench compares it with gemmJs). */
export function gemmWasm(args: GemmArgs): Float64Array {
  const { m, n, k, a, b, transA, transB, alpha, beta, c, dtype, out } = withDefaults(args);
  return withScratch('matmul', (s) => {
    if (dtype === 'float32') {
      // Operands are rounded to float32 on the way in (a native conversion), the result widened on the way out.
      const pa = s.putF32(a);
      const pb = s.putF32(b);
      const pc = beta !== 0 && c ? s.putF32(c) : s.alloc(m * n * 4);
      runGemm(s, 'matmul', 'float32', { transA, transB, m, n, k, alpha, pa, lda: transA ? m : k, pb, ldb: transB ? k : n, beta, pc, ldc: n });
      const wide = s.takeF32(pc, m * n);
      return out ? (out.set(wide), out) : wide;
    }
    const pa = s.put(a);
    const pb = s.put(b);
    const pc = beta !== 0 && c ? s.put(c) : s.allocF64(m * n);
    runGemm(s, 'matmul', 'float64', { transA, transB, m, n, k, alpha, pa, lda: transA ? m : k, pb, ldb: transB ? k : n, beta, pc, ldc: n });
    if (out) {
      out.set(s.viewF64(pc, m * n));
      return out;
    }
    return s.take(pc, m * n);
  });
}

/** A gemm whose operands are already in linear memory (byte addresses, element strides). */
export interface PlacedGemm {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  pa: number;
  lda: number;
  pb: number;
  ldb: number;
  beta: number;
  pc: number;
  ldc: number;
}

/**
 * Products with at least this many multiply-adds are split over the thread pool: waking the
 * workers costs tens of microseconds (measured by `npm run bench -- threads`).
 */
export const THREAD_MIN_MULADDS = 2 ** 23;

/** The split threshold in use (the threads bench lowers or disables it to measure both sides). */
export const threading = { minMulAdds: THREAD_MIN_MULADDS };

/** Block rows (or columns) per thread are multiples of this, so that only the last block has edge tiles. */
const SPLIT_ALIGN = 8;

/** Runs a placed gemm (f64: dgemm, f32: sgemm), on every thread of the pool when it is large enough. */
export function runGemm(s: Scratch, op: string, dtype: Dtype, g: PlacedGemm): void {
  const pool = s.engine.pool;
  const f32 = dtype === 'float32';
  // f32 runs about twice as fast, so it needs twice the work to pay for waking the pool.
  const minWork = f32 ? 2 * threading.minMulAdds : threading.minMulAdds;
  const parts = pool?.usable && g.m * g.n * g.k >= minWork ? splitGemm(g, pool.size, f32 ? 4 : 8) : [g];
  const workBytes = f32 ? s.wasm.sgemmWorkBytes : s.wasm.dgemmWorkBytes;
  const args = parts.map((q) => [
    q.transA ? 1 : 0, q.transB ? 1 : 0, q.m, q.n, q.k, q.alpha, q.pa, q.lda, q.pb, q.ldb, q.beta, q.pc, q.ldc,
    s.alloc(workBytes(q.m, q.n, q.k)),
  ] as const);
  const own = () => (f32 ? s.wasm.sgemm(...args[0]) : s.wasm.dgemm(...args[0]));
  if (parts.length === 1 || !pool) return own();
  pool.run(op, args.slice(1).map((a) => ({ fn: f32 ? 'sgemm' : 'dgemm', args: [...a] })), own);
}

/** Splits C into `parts` blocks of rows (or of columns when C is wide), as placed sub-gemms. */
export function splitGemm(g: PlacedGemm, parts: number, elementBytes: number): PlacedGemm[] {
  const byRows = g.m >= g.n;
  const total = byRows ? g.m : g.n;
  const chunk = Math.ceil(total / parts / SPLIT_ALIGN) * SPLIT_ALIGN;
  const out: PlacedGemm[] = [];
  for (let start = 0; start < total; start += chunk) {
    const size = Math.min(chunk, total - start);
    if (byRows) {
      const pa = g.pa + (g.transA ? start : start * g.lda) * elementBytes;
      out.push({ ...g, m: size, pa, pc: g.pc + start * g.ldc * elementBytes });
    } else {
      const pb = g.pb + (g.transB ? start * g.ldb : start) * elementBytes;
      out.push({ ...g, n: size, pb, pc: g.pc + start * elementBytes });
    }
  }
  return out;
}

/** The same product in JavaScript for tiny shapes (i-p-j order: unit stride on B and C). */
export function gemmJs(args: GemmArgs): Float64Array {
  const { m, n, k, a, b, transA, transB, alpha, beta, c } = withDefaults(args);
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
    acc[t] = beta !== 0 && c ? beta * c[t] + v : v;
  }
  return acc;
}
