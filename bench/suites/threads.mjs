// Two threads against one on the same f64 products. Both run on the threaded engine (shared
// memory, pool of one worker), toggling only the split, in alternating short rounds: the second
// core of this shared machine is intermittently busy with other tenants' work, and alternating
// gives both sides the same chances; the fastest round of each is the figure (30 s per size from 512). The speed-ups
// decide THREAD_MIN_MULADDS (src/core/kernels/gemm.ts).
import { THREAD_MIN_MULADDS, threading } from '../../dist/core/kernels/gemm.js';
import { matmul, Matrix, setThreads } from '../../dist/index.js';
import { fmt, measureInterleaved, table, warmUp } from '../harness.mjs';

export async function run({ quick }) {
  const sizes = quick ? [128, 512] : [64, 96, 128, 160, 192, 256, 512, 1024];
  const threads = await setThreads(2);
  const rows = [];
  const data = [];
  for (const n of sizes) {
    const A = Matrix.random(n, n, { seed: 1 });
    const B = Matrix.random(n, n, { seed: 2 });
    const call = () => matmul(A, B);
    const withThreads = (t) => () => {
      threading.minMulAdds = t === 1 ? Infinity : 0;
      return call();
    };
    warmUp(call, 3);
    const t = measureInterleaved({ 1: withThreads(1), 2: withThreads(2) }, { quick, budget: quick ? 0 : n >= 512 ? 30 : 5 });
    const best = { 1: t[1], 2: t[2] };
    threading.minMulAdds = THREAD_MIN_MULADDS;
    const flops = 2 * n ** 3;
    rows.push([n, fmt.ms(best[1]), fmt.gflops(flops, best[1]), fmt.ms(best[2]), fmt.gflops(flops, best[2]), fmt.ratio(best[1] / best[2]), n ** 3 >= THREAD_MIN_MULADDS ? 'split' : 'one thread']);
    data.push({ n, oneThreadSeconds: best[1], twoThreadSeconds: best[2], speedup: best[1] / best[2] });
  }
  await setThreads(1);
  const text = [
    `Square f64 matmul, 1 thread vs ${threads} threads, fastest of alternating rounds (the pool splits from ${THREAD_MIN_MULADDS} multiply-adds)`,
    table(['n', '1 thread ms', 'GFLOP/s', '2 threads ms', 'GFLOP/s', 'speed-up', 'policy'], rows),
  ].join('\n');
  return { text, data: { threshold: THREAD_MIN_MULADDS, sizes: data } };
}
