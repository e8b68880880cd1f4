// Square f64 matmul: mml-wasm against ml-matrix, mathjs and numeric, all measured in one run.
import { matmul, Matrix } from '../../dist/index.js';
import { fmt, measureInterleaved, optionalImport, table, warmUp } from '../harness.mjs';
import { peakCandidate } from './peak.mjs';

// Peers are devDependencies: a column shows n/a where one is not installed.
const math = await optionalImport('mathjs');
const ml = await optionalImport('ml-matrix');
const numeric = (await optionalImport('numeric'))?.default;

export async function run({ quick }) {
  const sizes = quick ? [64, 128] : [64, 128, 256, 512, 1024];
  const peakLoop = peakCandidate();
  let peak = 0;
  const rows = [];
  const data = [];
  for (const n of sizes) {
    const A = Matrix.random(n, n, { seed: 1 });
    const B = Matrix.random(n, n, { seed: 2 });
    const a2 = A.toArray();
    const b2 = B.toArray();
    const flops = 2 * n ** 3;
    const candidates = { 'mml-wasm': () => matmul(A, B) };
    if (ml) {
      const [mlA, mlB] = [new ml.Matrix(a2), new ml.Matrix(b2)];
      candidates['ml-matrix'] = () => mlA.mmul(mlB);
    }
    if (math) {
      const [mA, mB] = [math.matrix(a2), math.matrix(b2)];
      candidates.mathjs = () => math.multiply(mA, mB);
    }
    if (numeric) candidates.numeric = () => numeric.dot(a2, b2);
    // The slow peers need a large share of a second per call at n = 512: one warm-up call there.
    for (const [name, fn] of Object.entries(candidates)) warmUp(fn, name === 'mml-wasm' ? 5 : 1);
    // Our speed against the peak loop, in alternating rounds; then the peers against us, in
    // alternating rounds too (ratios compare rounds taken at the same moments). At n = 1024 a peer
    // call takes seconds: one round there.
    const own = measureInterleaved({ ours: candidates['mml-wasm'], peak: peakLoop.fn }, { quick, budget: quick ? 0 : 10 });
    const seconds = measureInterleaved(candidates, { quick, rounds: 1, budget: quick || n >= 1024 ? 0 : 4 });
    const ours = own.ours;
    const peakHere = peakLoop.gflops(own.peak);
    peak = Math.max(peak, peakHere);
    const versus = (peer) => (seconds[peer] ? fmt.ratio(seconds[peer] / seconds['mml-wasm']) : 'n/a');
    rows.push([
      n,
      fmt.ms(ours),
      fmt.gflops(flops, ours),
      `${((flops / ours / 1e9 / peakHere) * 100).toFixed(0)}%`,
      versus('ml-matrix'),
      versus('mathjs'),
      versus('numeric'),
    ]);
    data.push({ n, seconds, gflops: flops / ours / 1e9, peakGflops: peakHere });
  }
  const text = [
    `Square matmul, f64, one thread (% of the peak loop measured in the same rounds; best peak ${peak.toFixed(2)} GFLOP/s)`,
    table(['n', 'ms', 'GFLOP/s', '% of peak', 'vs ml-matrix', 'vs mathjs', 'vs numeric'], rows),
  ].join('\n');
  return { text, data: { peakGflops: peak, sizes: data } };
}
