// Where tiny products should leave WASM: the JavaScript loop against the WASM gemm (with its
// copies) for n x n times n x n, n = 2..24. src/core/kernels/gemm.ts SMALL_GEMM_FLOPS comes from here.
import { gemmJs, gemmWasm, SMALL_GEMM_FLOPS } from '../../dist/core/kernels/gemm.js';
import { Matrix } from '../../dist/index.js';
import { fmt, measure, table, warmUp } from '../harness.mjs';

export async function run({ quick }) {
  const sizes = quick ? [4, 8] : [2, 3, 4, 5, 6, 8, 12, 16, 24];
  const rows = [];
  const data = [];
  for (const n of sizes) {
    const a = Matrix.random(n, n, { seed: 1 }).data;
    const b = Matrix.random(n, n, { seed: 2 }).data;
    const js = () => gemmJs({ m: n, n, k: n, a, b });
    const wasm = () => gemmWasm({ m: n, n, k: n, a, b });
    warmUp(js, 50);
    warmUp(wasm, 50);
    const tJs = measure(`js ${n}`, js, { quick }).seconds;
    const tWasm = measure(`wasm ${n}`, wasm, { quick }).seconds;
    rows.push([n, n ** 3, (tJs * 1e6).toFixed(2), (tWasm * 1e6).toFixed(2), fmt.ratio(tJs / tWasm), n ** 3 <= SMALL_GEMM_FLOPS ? 'JS' : 'WASM']);
    data.push({ n, jsSeconds: tJs, wasmSeconds: tWasm });
  }
  const text = [
    `Tiny matmul: JavaScript loop vs WASM gemm with copies (threshold ${SMALL_GEMM_FLOPS} multiply-adds)`,
    table(['n', 'n^3', 'JS µs', 'WASM µs', 'JS time / WASM time', 'used'], rows),
  ].join('\n');
  return { text, data: { threshold: SMALL_GEMM_FLOPS, sizes: data } };
}
