// Products: matmul (WASM gemm), gram (WASM syrk), matvec (WASM gemv from a size on: copying A in
// is a memcpy, and the SIMD loop more than pays for it), and dot/outer in TypeScript.
//
// None of these check for NaN/Infinity: like numpy, they propagate IEEE values (the reflecting-bear
// assignment relies on NaN passing through a product).

import { shapeOf } from '../core/checks.js';
import { ShapeError } from '../core/errors.js';
import { gemm, type Dtype } from '../core/kernels/gemm.js';
import { gemv } from '../core/kernels/gemv.js';
import { syrk } from '../core/kernels/syrk.js';
import { Matrix, toMatrix, toVector, type MatrixLike, type VectorLike } from '../core/matrix.js';

export interface MatmulOptions {
  /** Use Aᵀ instead of A (transposed while packing, no copy). */
  transA?: boolean;
  /** Use Bᵀ instead of B. */
  transB?: boolean;
  /**
   * 'float64' (default), or 'float32': operands are rounded to float32 and multiplied in float32
   * (about twice as fast); the result is a float64 Matrix holding float32 values.
   */
  dtype?: Dtype;
  /**
   * A Matrix of the result's shape to write into (and return) instead of a new one, like numpy's
   * `out=`: a loop of products then allocates nothing (the allocation of a fresh result is most of
   * a call's copy-out cost). It may be A or B itself: the operands are read before it is written.
   */
  out?: Matrix;
}

/** A B (or Aᵀ B, A Bᵀ with the options) through the WASM SIMD gemm. */
export function matmul(A: MatrixLike, B: MatrixLike, options: MatmulOptions = {}): Matrix {
  const a = toMatrix(A, 'matmul', 'A');
  const b = toMatrix(B, 'matmul', 'B');
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  const dtype = options.dtype ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32') {
    throw new TypeError(`matmul: dtype must be 'float64' or 'float32', got ${JSON.stringify(dtype)}`);
  }
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const kb = transB ? b.cols : b.rows;
  const n = transB ? b.rows : b.cols;
  if (k !== kb) {
    const opA = transA ? `Aᵀ (A is ${shapeOf(a)})` : `A (${shapeOf(a)})`;
    const opB = transB ? `Bᵀ (B is ${shapeOf(b)})` : `B (${shapeOf(b)})`;
    throw new ShapeError(`matmul: inner dimensions differ: ${opA} has ${k} columns, ${opB} has ${kb} rows`);
  }
  const out = options.out;
  if (out !== undefined) {
    if (!(out instanceof Matrix)) throw new TypeError(`matmul: out must be a Matrix, got ${String(out)}`);
    if (out.rows !== m || out.cols !== n) throw new ShapeError(`matmul: out is ${shapeOf(out)}, the product is ${m}x${n}`);
    gemm({ m, n, k, a: a.data, b: b.data, transA, transB, dtype, out: out.data });
    return out;
  }
  return new Matrix(m, n, gemm({ m, n, k, a: a.data, b: b.data, transA, transB, dtype }));
}

/**
 * Matrix-vector products with fewer entries than this run in TypeScript: below it entering WASM
 * costs more than the loop (measured by `npm run bench -- gemv`).
 */
export const SMALL_GEMV_ENTRIES = 1024;

/** A x for a vector x (or Aᵀ x with `{ transA: true }`). */
export function matvec(A: MatrixLike, x: VectorLike, options: { transA?: boolean } = {}): Float64Array {
  const a = toMatrix(A, 'matvec', 'A');
  const v = toVector(x, 'matvec', 'x');
  const trans = options.transA ?? false;
  const need = trans ? a.rows : a.cols;
  if (need !== v.length) {
    throw new ShapeError(`matvec: ${trans ? `Aᵀ (A is ${shapeOf(a)})` : `A (${shapeOf(a)})`} needs x of length ${need}, got ${v.length}`);
  }
  if (trans || a.rows * a.cols >= SMALL_GEMV_ENTRIES) return gemv({ m: a.rows, n: a.cols, a: a.data, x: v, trans });
  return matvecJs(a, v);
}

/** A x in TypeScript, for small A. */
export function matvecJs(a: Matrix, v: Float64Array): Float64Array {
  const { rows, cols, data } = a;
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    // Two accumulators break the dependency chain of the additions.
    let s0 = 0;
    let s1 = 0;
    const off = i * cols;
    let j = 0;
    for (; j + 1 < cols; j += 2) {
      s0 += data[off + j] * v[j];
      s1 += data[off + j + 1] * v[j + 1];
    }
    if (j < cols) s0 += data[off + j] * v[j];
    y[i] = s0 + s1;
  }
  return y;
}

/**
 * The Gram matrix XᵀX (inner products of the columns), or XXᵀ with `{ of: 'rows' }`, scaled by
 * alpha: half the work of matmul (only blocks on and above the diagonal are computed), exactly symmetric.
 */
export function gram(X: MatrixLike, options: { of?: 'columns' | 'rows'; alpha?: number } = {}): Matrix {
  const x = toMatrix(X, 'gram', 'X');
  const of = options.of ?? 'columns';
  if (of !== 'columns' && of !== 'rows') throw new TypeError(`gram: 'of' must be 'columns' or 'rows', got ${JSON.stringify(of)}`);
  const alpha = options.alpha ?? 1;
  if (typeof alpha !== 'number') throw new TypeError(`gram: alpha must be a number, got ${typeof alpha}`);
  const p = of === 'rows' ? x.rows : x.cols;
  return new Matrix(p, p, syrk({ rows: x.rows, cols: x.cols, x: x.data, outer: of === 'rows', alpha }));
}

/** Inner product x · y. */
export function dot(x: VectorLike, y: VectorLike): number {
  const a = toVector(x, 'dot', 'x');
  const b = toVector(y, 'dot', 'y');
  if (a.length !== b.length) throw new ShapeError(`dot: x has length ${a.length} but y has length ${b.length}`);
  let s = 0;
  for (let t = 0; t < a.length; t++) s += a[t] * b[t];
  return s;
}

/** Outer product x yᵀ (length(x) x length(y)). */
export function outer(x: VectorLike, y: VectorLike): Matrix {
  const a = toVector(x, 'outer', 'x');
  const b = toVector(y, 'outer', 'y');
  const out = new Float64Array(a.length * b.length);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i * b.length + j] = a[i] * b[j];
  return new Matrix(a.length, b.length, out);
}
