// Symmetric rank-k product (BLAS syrk): C = alpha * XᵀX or alpha * XXᵀ through the WASM dsyrk,
// which computes the block columns of the upper triangle (each through the gemm kernel); the
// lower triangle is mirrored here. For b block columns that is (b + 1) / 2b of the gemm's work
// (57% at p = 784). With a thread pool, each thread takes a contiguous range of block columns
// of about equal work (column j costs about j + 1 blocks).

import { withScratch, type Scratch } from '../arena.js';
import { threading } from './gemm.js';

export interface SyrkArgs {
  /** Rows of X. */
  rows: number;
  /** Columns of X. */
  cols: number;
  /** X, rows x cols, row-major. */
  x: Float64Array;
  /** false (default): XᵀX (cols x cols); true: XXᵀ (rows x rows). */
  outer?: boolean;
  alpha?: number;
}

/** Splits block columns 0..blocks into `parts` contiguous ranges of about equal work. */
export function balancedRanges(blocks: number, parts: number): [number, number][] {
  const total = (blocks * (blocks + 1)) / 2;
  const ranges: [number, number][] = [];
  let start = 0;
  let done = 0;
  for (let t = 1; t <= parts && start < blocks; t++) {
    let end = start;
    // Take block column `end` (work end + 1) while the running total at its midpoint is within target.
    while (end < blocks && (t === parts || done + (end + 1) / 2 <= (total * t) / parts)) {
      done += end + 1;
      end++;
    }
    if (end === start) {
      done += end + 1;
      end++;
    }
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

/** alpha XᵀX (or alpha XXᵀ) as a new symmetric row-major array. */
export function syrk({ rows, cols, x, outer = false, alpha = 1 }: SyrkArgs): Float64Array {
  const p = outer ? rows : cols;
  if (p === 0) return new Float64Array(0);
  return withScratch('gram', (s) => {
    const pc = syrkPlaced(s, 'gram', { rows, cols, px: s.put(x), outer, alpha });
    const c = s.take(pc, p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) c[i * p + j] = c[j * p + i];
    return c;
  });
}

/** A syrk whose X (rows x cols, row-major) is already in linear memory at byte address px. */
export interface PlacedSyrk {
  rows: number;
  cols: number;
  px: number;
  outer: boolean;
  alpha: number;
}

/**
 * Runs a placed syrk (on every thread of the pool when it is large enough) and returns the byte
 * address of C (p x p, row-major): its upper triangle and diagonal are set, the rest is undefined.
 * For callers that build X in linear memory themselves (pca centres straight into it).
 */
export function syrkPlaced(s: Scratch, op: string, { rows, cols, px, outer, alpha }: PlacedSyrk): number {
  const p = outer ? rows : cols;
  const k = outer ? cols : rows;
  const pc = s.allocF64(p * p);
  const nb = s.wasm.dsyrkBlock();
  const blocks = Math.ceil(p / nb);
  const pool = s.engine.pool;
  const threads = pool?.usable && (p * p * k) / 2 >= threading.minMulAdds ? pool.size : 1;
  const ranges = balancedRanges(blocks, threads);
  const args = ranges.map(([from, to]) => [outer ? 1 : 0, p, k, alpha, px, cols, 0, pc, p, s.alloc(s.wasm.dgemmWorkBytes(p, nb, k)), from, to]);
  const own = () => s.wasm.dsyrk(...(args[0] as Parameters<typeof s.wasm.dsyrk>));
  if (ranges.length === 1 || !pool) own();
  else pool.run(op, args.slice(1).map((a) => ({ fn: 'dsyrk', args: a })), own);
  return pc;
}
