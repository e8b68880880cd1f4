// Two threads against one on the same f64 products, measured side by side; the speed-up decides
// THREAD_MIN_MULADDS (src/core/kernels/gemm.ts): below it the pool is not woken.
import { THREAD_MIN_MULADDS } from '../../dist/core/kernels/gemm.js';
import { matmul, Matrix, setThreads } from '../../dist/index.js';
import { fmt, measure, table, warmUp } from '../harness.mjs';

export async function run({ quick }) {
  const sizes = quick ? [128, 512] : [64, 96, 128, 192, 256, 512, 1024];
  const rows = [];
  const data = [];
  for (const n of sizes) {
    const A = Matrix.random(n, n, { seed: 1 });
    const B = Matrix.random(n, n, { seed: 2 });
    const call = () => matmul(A, B);
    // setThreads swaps engines, so rounds alternate 1 and 2 threads and keep each one's best.
    const best = { 1: Infinity, 2: Infinity };
    for (let round = 0; round < (quick ? 1 : 3); round++) {
      for (const t of [1, 2]) {
        await setThreads(t);
        warmUp(call, 5);
        best[t] = Math.min(best[t], measure(`${t} threads ${n}`, call, { quick }).seconds);
      }
    }
    const flops = 2 * n ** 3;
    rows.push([n, fmt.ms(best[1]), fmt.gflops(flops, best[1]), fmt.ms(best[2]), fmt.gflops(flops, best[2]), fmt.ratio(best[1] / best[2]), n ** 3 >= THREAD_MIN_MULADDS ? 'split' : 'one thread']);
    data.push({ n, oneThreadSeconds: best[1], twoThreadSeconds: best[2], speedup: best[1] / best[2] });
  }
  await setThreads(1);
  const text = [
    `Square f64 matmul, 1 thread vs 2 threads (the pool splits at ${THREAD_MIN_MULADDS} multiply-adds)`,
    table(['n', '1 thread ms', 'GFLOP/s', '2 threads ms', 'GFLOP/s', 'speed-up', 'policy'], rows),
  ].join('\n');
  return { text, data: { threshold: THREAD_MIN_MULADDS, sizes: data } };
}
