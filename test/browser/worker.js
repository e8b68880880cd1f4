// A module Web Worker that uses the engine without calling init(): workers may compile
// synchronously, so the engine starts on first use, as in Node.
import { matmul, Matrix } from '/dist/index.js';

try {
  const A = Matrix.random(300, 300, { seed: 3 });
  const C = matmul(A, A);
  postMessage({ sum: C.sum(), corner: C.get(299, 299) });
} catch (e) {
  postMessage({ error: String(e) });
}
