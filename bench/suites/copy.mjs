// The copy-in/copy-out share of a matmul (DESIGN.md: under 5% at 256x256), measured two ways in
// interleaved rounds:
//   copies / public: the copy work of one call alone (A and B in, C out into a new array the user
//                    owns) against the whole public matmul;
//   1 - kernel / public: the bare kernel on data already in WASM memory against the public call
//                    (this also counts call overhead, allocation and GC of the result);
//   with out:        the same two shares for matmul(A, B, { out: C }), which writes into the
//                    caller's matrix instead of allocating the result.
import { withScratch } from '../../dist/core/arena.js';
import { matmul, Matrix } from '../../dist/index.js';
import { fmt, measureInterleaved, table, warmUp } from '../harness.mjs';

export async function run({ quick }) {
  const sizes = quick ? [256] : [128, 256, 512];
  const rows = [];
  const data = [];
  for (const n of sizes) {
    const A = Matrix.random(n, n, { seed: 1 });
    const B = Matrix.random(n, n, { seed: 2 });
    const t = withScratch('bench', (s) => {
      const pa = s.put(A.data);
      const pb = s.put(B.data);
      const pc = s.allocF64(n * n);
      const work = s.alloc(s.wasm.dgemmWorkBytes(n, n, n));
      // The public call allocates its scratch above ours, so all three run side by side.
      const C = new Matrix(n, n);
      const candidates = {
        public: () => matmul(A, B),
        publicOut: () => matmul(A, B, { out: C }),
        copiesOut: () => {
          s.heapF64().set(A.data, pa / 8);
          s.heapF64().set(B.data, pb / 8);
          C.data.set(s.viewF64(pc, n * n));
          return C;
        },
        kernel: () => s.wasm.dgemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n, work),
        copies: () => {
          s.heapF64().set(A.data, pa / 8);
          s.heapF64().set(B.data, pb / 8);
          return s.take(pc, n * n);
        },
      };
      for (const fn of Object.values(candidates)) warmUp(fn, 5);
      return measureInterleaved(candidates, { quick });
    });
    const copyShare = t.copies / t.public;
    const overheadShare = Math.max(0, 1 - t.kernel / t.public);
    const copyShareOut = t.copiesOut / t.publicOut;
    const overheadShareOut = Math.max(0, 1 - t.kernel / t.publicOut);
    const pct = (x) => `${(x * 100).toFixed(1)}%`;
    rows.push([n, fmt.ms(t.public), fmt.ms(t.kernel), fmt.ms(t.copies), pct(copyShare), pct(overheadShare), fmt.ms(t.publicOut), pct(copyShareOut), pct(overheadShareOut)]);
    data.push({ n, publicSeconds: t.public, kernelSeconds: t.kernel, copySeconds: t.copies, copyShare, overheadShare, publicOutSeconds: t.publicOut, copyOutSeconds: t.copiesOut, copyShareOut, overheadShareOut });
  }
  const text = [
    'Copy-in/copy-out share of matmul (fastest of interleaved rounds)',
    table(['n', 'matmul ms', 'kernel ms', 'copies ms', 'copies / matmul', '1 - kernel / matmul', 'with out: ms', 'copies / matmul', '1 - kernel / matmul'], rows),
  ].join('\n');
  return { text, data: { sizes: data } };
}
