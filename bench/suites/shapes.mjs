// The products the applications run: PCA's projection (1000x784 by 784x784) and covariance
// (XᵀX with X 10000x784, as matmul with a transposed operand and as gram, which computes half),
// and a training step's layer (64x784 by 784x128). f64 on the threaded engine, one thread
// (split disabled) against two, with the peak loop, all in alternating rounds.
import { threading, THREAD_MIN_MULADDS } from '../../dist/core/kernels/gemm.js';
import { gram, matmul, Matrix, setThreads } from '../../dist/index.js';
import { fmt, measureInterleaved, table, warmUp } from '../harness.mjs';
import { peakCandidate } from './peak.mjs';

function cases(quick) {
  const X = Matrix.random(quick ? 2000 : 10000, 784, { seed: 3 });
  const P = Matrix.random(1000, 784, { seed: 1 });
  const W = Matrix.random(784, 784, { seed: 2 });
  const B = Matrix.random(64, 784, { seed: 4 });
  const L = Matrix.random(784, 128, { seed: 5 });
  return [
    { name: '1000x784 · 784x784', flops: 2 * 1000 * 784 * 784, fn: () => matmul(P, W) },
    { name: `Xᵀ X, X ${X.rows}x784 (matmul transA)`, flops: 2 * X.rows * 784 * 784, fn: () => matmul(X, X, { transA: true }) },
    // gram does about half the work; its rate is quoted for the full product it replaces.
    { name: `Xᵀ X, X ${X.rows}x784 (gram)`, flops: 2 * X.rows * 784 * 784, fn: () => gram(X) },
    { name: '64x784 · 784x128', flops: 2 * 64 * 784 * 128, fn: () => matmul(B, L) },
  ];
}

export async function run({ quick }) {
  await setThreads(2);
  const peakLoop = peakCandidate();
  const rows = [];
  const data = [];
  for (const c of cases(quick)) {
    const withThreads = (t) => () => {
      threading.minMulAdds = t === 1 ? Infinity : THREAD_MIN_MULADDS;
      return c.fn();
    };
    warmUp(c.fn, 2);
    const t = measureInterleaved({ one: withThreads(1), two: withThreads(2), peak: peakLoop.fn }, { quick, budget: quick ? 0 : 10 });
    threading.minMulAdds = THREAD_MIN_MULADDS;
    const peak = peakLoop.gflops(t.peak);
    rows.push([c.name, fmt.ms(t.one), fmt.gflops(c.flops, t.one), `${((c.flops / t.one / 1e9 / peak) * 100).toFixed(0)}%`, fmt.ms(t.two), fmt.ratio(t.one / t.two)]);
    data.push({ name: c.name, flops: c.flops, oneThreadSeconds: t.one, twoThreadSeconds: t.two, peakGflops: peak });
  }
  await setThreads(1);
  const text = [
    `Application shapes, f64 (% of the f64x2 peak loop measured in the same rounds; gram's rate counts the full product)`,
    table(['product', '1 thread ms', 'GFLOP/s', '% of peak', '2 threads ms', 'speed-up'], rows),
  ].join('\n');
  return { text, data: { cases: data } };
}
