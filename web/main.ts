// The browser demo: the engine loaded with `await init()` (no bundler configuration: the WASM
// bytes are embedded), a timed matmul, and the course's Gram-Schmidt on a matrix the user types.
import { engineInfo, init, Matrix, matmul } from '../src/index.js';
import { linearAlgebra } from '../src/assignments/linear-algebra/index.js';

const $ = (id: string) => document.getElementById(id) as HTMLElement;

function show(id: string, text: string, isError = false): void {
  const el = $(id);
  el.textContent = text;
  el.className = isError ? 'error' : '';
}

function runMatmul(): void {
  const n = Number(($('n') as HTMLInputElement).value);
  try {
    const A = Matrix.random(n, n, { seed: 1 });
    const B = Matrix.random(n, n, { seed: 2 });
    const t0 = performance.now();
    const C = matmul(A, B);
    const ms = performance.now() - t0;
    const checksum = C.sum();
    show('matmul-out', `${n}x${n} in ${ms.toFixed(2)} ms (${((2 * n ** 3) / ms / 1e6).toFixed(2)} GFLOP/s)\nsum of C = ${checksum}\nC[0, 0..3] = ${Array.from(C.row(0).slice(0, 4)).join(', ')}`);
    document.body.dataset.matmulSum = String(checksum);
  } catch (error) {
    show('matmul-out', String(error), true);
  }
}

function runGramSchmidt(): void {
  try {
    const rows = ($('gs-in') as HTMLTextAreaElement).value
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/[\s,]+/).map(Number));
    const Q = linearAlgebra.gsBasis(rows);
    show('gs-out', `${Q.toString()}\n\ndimension of the span: ${linearAlgebra.dimensions(rows)}`);
  } catch (error) {
    show('gs-out', String(error), true);
  }
}

await init();
const info = engineInfo();
show('status', `Engine ${info.version} ready: SIMD ${info.simd ? 'on' : 'off'}, ${info.threads} thread.`);
document.body.dataset.ready = 'true';
$('multiply').addEventListener('click', runMatmul);
$('gs').addEventListener('click', runGramSchmidt);
runMatmul();
runGramSchmidt();
