// float32 matmul: mml-wasm (matmul with dtype 'float32') against @tensorflow/tfjs-backend-wasm
// (XNNPACK, its SIMD single-thread build), both one thread, side by side. tfjs is timed as its
// users run it on tensors already uploaded: tf.matMul + dataSync (the copy out). Ours includes
// the copies in and out (float64 -> float32 -> float64), which tfjs does not pay here.
import { matmul, Matrix } from '../../dist/index.js';
import { fmt, measureInterleaved, table, warmUp } from '../harness.mjs';
import { peakCandidate } from './peak.mjs';
import { loadTfjsWasm } from '../tfjs.mjs';

export async function run({ quick }) {
  const sizes = quick ? [128] : [128, 256, 512, 1024];
  const tf = await loadTfjsWasm();
  const peakLoop = peakCandidate('float32');
  let peak = 0;
  const rows = [];
  const data = [];
  for (const n of sizes) {
    const A = Matrix.random(n, n, { seed: 1 });
    const B = Matrix.random(n, n, { seed: 2 });
    const candidates = { ours: () => matmul(A, B, { dtype: 'float32' }), ours64: () => matmul(A, B), peak: peakLoop.fn };
    let ta, tb;
    if (tf) {
      ta = tf.tensor2d(Float32Array.from(A.data), [n, n]);
      tb = tf.tensor2d(Float32Array.from(B.data), [n, n]);
      candidates.tfjs = () => {
        const c = tf.matMul(ta, tb);
        const out = c.dataSync();
        c.dispose();
        return out;
      };
    }
    for (const fn of Object.values(candidates)) warmUp(fn, n <= 256 ? 20 : 3);
    const t = measureInterleaved(candidates, { quick, budget: quick ? 0 : 8 });
    const peakHere = peakLoop.gflops(t.peak);
    peak = Math.max(peak, peakHere);
    ta?.dispose();
    tb?.dispose();
    const flops = 2 * n ** 3;
    rows.push([n, fmt.ms(t.ours), fmt.gflops(flops, t.ours), `${((flops / t.ours / 1e9 / peakHere) * 100).toFixed(0)}%`, t.tfjs ? fmt.gflops(flops, t.tfjs) : 'n/a', t.tfjs ? fmt.ratio(t.tfjs / t.ours) : 'n/a', fmt.ratio(t.ours64 / t.ours)]);
    data.push({ n, seconds: t, gflops: flops / t.ours / 1e9, peakGflops: peakHere });
  }
  const text = [
    `float32 matmul, one thread (% of the f32x4 peak loop measured in the same rounds; best peak ${peak.toFixed(2)} GFLOP/s)`,
    table(['n', 'ms', 'GFLOP/s', '% of peak', 'tfjs-wasm GFLOP/s', 'vs tfjs-wasm', 'vs our float64'], rows),
  ].join('\n');
  return { text, data: { peakF32Gflops: peak, sizes: data, tfjs: Boolean(tf) } };
}
