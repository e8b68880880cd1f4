// Shared test helpers: reference products and error measures.
import { Matrix } from '../src/index.js';

/** The textbook triple loop, the reference for every gemm test. */
export function naiveMatmul(A: Matrix, B: Matrix): Matrix {
  const { rows: m, cols: k } = A;
  const n = B.cols;
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A.data[i * k + p] * B.data[p * n + j];
      C[i * n + j] = s;
    }
  }
  return new Matrix(m, n, C);
}

/** |A| |B| entrywise: the scale of rounding error in each entry of A B. */
export function absProduct(A: Matrix, B: Matrix): Matrix {
  return naiveMatmul(A.map(Math.abs), B.map(Math.abs));
}

/** max |x - y| / max |y| (0 when both are zero). */
export function maxRelDiff(x: Matrix | Float64Array, y: Matrix | Float64Array): number {
  const a = x instanceof Matrix ? x.data : x;
  const b = y instanceof Matrix ? y.data : y;
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let diff = 0;
  let scale = 0;
  for (let t = 0; t < a.length; t++) {
    diff = Math.max(diff, Math.abs(a[t] - b[t]));
    scale = Math.max(scale, Math.abs(b[t]));
  }
  return scale === 0 ? diff : diff / scale;
}

/** The error `fn` throws (fails the test when it returns normally). */
/** max |x_i - y_i| (the arrays must have the same length). */
export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`length ${x.length} vs ${y.length}`);
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
  return d;
}

export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
