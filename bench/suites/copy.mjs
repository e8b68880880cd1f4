// The copy-in/copy-out share of a matmul (DESIGN.md: under 5% at 256x256): the public matmul,
// which copies A and B into the arena and C out, against the bare kernel on data already in place.
import { withScratch } from '../../dist/core/arena.js';
import { matmul, Matrix } from '../../dist/index.js';
import { fmt, measure, table, warmUp } from '../harness.mjs';

export async function run({ quick }) {
  const sizes = quick ? [256] : [128, 256, 512];
  const rows = [];
  const data = [];
  for (const n of sizes) {
    const A = Matrix.random(n, n, { seed: 1 });
    const B = Matrix.random(n, n, { seed: 2 });
    const publicCall = () => matmul(A, B);
    warmUp(publicCall, 5);
    const full = measure(`matmul ${n}`, publicCall, { quick }).seconds;
    const kernel = withScratch('bench', (s) => {
      const pa = s.put(A.data);
      const pb = s.put(B.data);
      const pc = s.allocF64(n * n);
      const work = s.alloc(s.wasm.dgemmWorkBytes(n, n, n));
      const call = () => s.wasm.dgemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n, work);
      warmUp(call, 5);
      return measure(`dgemm ${n}`, call, { quick }).seconds;
    });
    const share = Math.max(0, 1 - kernel / full);
    rows.push([n, fmt.ms(full), fmt.ms(kernel), `${(share * 100).toFixed(1)}%`]);
    data.push({ n, publicSeconds: full, kernelSeconds: kernel, copyShare: share });
  }
  const text = ['Copy-in/copy-out share of matmul (public call vs kernel on data in place)', table(['n', 'matmul ms', 'kernel ms', 'copy share'], rows)].join('\n');
  return { text, data: { sizes: data } };
}
