// The products the applications run: PCA's projection (1000x784 by 784x784) and covariance
// (XᵀX with X 10000x784, as matmul with a transposed operand and as gram, which computes half),
// and a training step's layer (64x784 by 784x128). f64, one and two threads.
import { gram, matmul, Matrix, setThreads } from '../../dist/index.js';
import { fmt, measure, table, warmUp } from '../harness.mjs';
import { measurePeak } from './peak.mjs';

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
  const peak = measurePeak({ quick }).gflops;
  const list = cases(quick);
  const best = list.map(() => ({ 1: Infinity, 2: Infinity }));
  for (let round = 0; round < (quick ? 1 : 2); round++) {
    for (const t of [1, 2]) {
      await setThreads(t);
      list.forEach((c, i) => {
        warmUp(c.fn, 2);
        best[i][t] = Math.min(best[i][t], measure(`${c.name} ${t}`, c.fn, { quick }).seconds);
      });
    }
  }
  await setThreads(1);
  const rows = list.map((c, i) => [
    c.name,
    fmt.ms(best[i][1]),
    fmt.gflops(c.flops, best[i][1]),
    `${((c.flops / best[i][1] / 1e9 / peak) * 100).toFixed(0)}%`,
    fmt.ms(best[i][2]),
    fmt.ratio(best[i][1] / best[i][2]),
  ]);
  const text = [
    `Application shapes, f64 (peak ${peak.toFixed(2)} GFLOP/s one thread; gram's rate counts the full product)`,
    table(['product', '1 thread ms', 'GFLOP/s', '% of peak', '2 threads ms', 'speed-up'], rows),
  ].join('\n');
  return { text, data: { peakGflops: peak, cases: list.map((c, i) => ({ name: c.name, flops: c.flops, oneThreadSeconds: best[i][1], twoThreadSeconds: best[i][2] })) } };
}
