// matvec: the TypeScript loop against the WASM gemv including its copies; decides SMALL_GEMV_ENTRIES.
import { gemv } from '../../dist/core/kernels/gemv.js';
import { Matrix } from '../../dist/index.js';
import { matvecJs, SMALL_GEMV_ENTRIES } from '../../dist/linalg/products.js';
import { fmt, measureInterleaved, table, warmUp } from '../harness.mjs';

export async function run({ quick }) {
  const shapes = quick ? [[32, 32], [784, 784]] : [[8, 8], [16, 16], [24, 24], [32, 32], [48, 48], [64, 64], [256, 256], [784, 784], [1000, 1000], [10000, 784]];
  const rows = [];
  const data = [];
  for (const [m, n] of shapes) {
    const A = Matrix.random(m, n, { seed: 1 });
    const x = Matrix.random(1, n, { seed: 2 }).data;
    const candidates = { js: () => matvecJs(A, x), wasm: () => gemv({ m, n, a: A.data, x }) };
    for (const fn of Object.values(candidates)) warmUp(fn, 50);
    const t = measureInterleaved(candidates, { quick });
    rows.push([`${m}x${n}`, (t.js * 1e6).toFixed(2), (t.wasm * 1e6).toFixed(2), fmt.ratio(t.js / t.wasm), m * n >= SMALL_GEMV_ENTRIES ? 'WASM' : 'JS']);
    data.push({ m, n, jsSeconds: t.js, wasmSeconds: t.wasm });
  }
  const text = [
    `matvec: TypeScript loop vs WASM gemv with copies (WASM from ${SMALL_GEMV_ENTRIES} entries)`,
    table(['A', 'JS µs', 'WASM µs', 'JS time / WASM time', 'used'], rows),
  ].join('\n');
  return { text, data: { threshold: SMALL_GEMV_ENTRIES, shapes: data } };
}
