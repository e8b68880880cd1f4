// Matrix: a dense float64 matrix that owns a plain row-major Float64Array (DESIGN.md memory model).
// Nothing here points into WebAssembly memory, so nothing needs dispose().

import { ShapeError } from './errors.js';
import { formatMatrix } from './format.js';
import { gemm } from './kernels/gemm.js';
import { Random } from './random.js';

/** Anything accepted where a matrix is expected. */
export type MatrixLike = Matrix | number[][];
/** Anything accepted where a vector is expected. */
export type VectorLike = Float64Array | number[];
/** Right operand of elementwise arithmetic: a matrix, a row vector (broadcast over rows) or a scalar. */
export type Operand = MatrixLike | VectorLike | number;

function checkDim(op: string, what: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new ShapeError(`${op}: ${what} must be a non-negative integer, got ${String(v)}`);
}

/** Checks that every entry is a JavaScript number (NaN and Infinity are numbers; '1' is not). */
function checkNumbers(op: string, values: ArrayLike<unknown>, where: (t: number) => string): void {
  for (let t = 0; t < values.length; t++) {
    if (typeof values[t] !== 'number') {
      throw new TypeError(`${op}: entry ${where(t)} is ${describe(values[t])}, not a number`);
    }
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

export class Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major entries: (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;

  /**
   * A rows x cols matrix. `data` (row-major, length rows*cols) is used as is, not copied;
   * a plain number array is copied. Without data the matrix is zero.
   */
  constructor(rows: number, cols: number, data?: Float64Array | ArrayLike<number>) {
    checkDim('Matrix', 'rows', rows);
    checkDim('Matrix', 'cols', cols);
    if (data === undefined) {
      this.data = new Float64Array(rows * cols);
    } else if (data instanceof Float64Array) {
      this.data = data;
    } else if (data !== null && typeof data === 'object' && typeof (data as ArrayLike<number>).length === 'number') {
      checkNumbers('Matrix', data, (t) => `${t}`);
      this.data = Float64Array.from(data);
    } else {
      throw new TypeError(`Matrix: data must be a Float64Array or an array of numbers, got ${describe(data)}`);
    }
    if (this.data.length !== rows * cols) {
      throw new ShapeError(`Matrix: data has ${this.data.length} entries, a ${rows}x${cols} matrix needs ${rows * cols}`);
    }
    this.rows = rows;
    this.cols = cols;
  }

  /** A matrix from nested rows; rows must be equally long arrays of numbers. */
  static from(rows: number[][] | Matrix): Matrix {
    if (rows instanceof Matrix) return rows.clone();
    if (!Array.isArray(rows)) throw new TypeError(`Matrix.from: expected an array of rows, got ${describe(rows)}`);
    const r = rows.length;
    if (r === 0) return new Matrix(0, 0);
    if (!Array.isArray(rows[0]) && !ArrayBuffer.isView(rows[0])) {
      throw new TypeError(`Matrix.from: row 0 is ${describe(rows[0])}, not an array (use Matrix.from([[...]]) for one row)`);
    }
    const c = rows[0].length;
    const data = new Float64Array(r * c);
    for (let i = 0; i < r; i++) {
      const row = rows[i];
      if (!Array.isArray(row) && !ArrayBuffer.isView(row)) throw new TypeError(`Matrix.from: row ${i} is ${describe(row)}, not an array`);
      if (row.length !== c) throw new ShapeError(`Matrix.from: row ${i} has ${row.length} entries, row 0 has ${c}`);
      checkNumbers('Matrix.from', row, (j) => `(${i}, ${j})`);
      data.set(row, i * c);
    }
    return new Matrix(r, c, data);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  static ones(rows: number, cols: number): Matrix {
    const m = new Matrix(rows, cols);
    m.data.fill(1);
    return m;
  }

  static eye(n: number): Matrix {
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  /** Square matrix with `v` on its diagonal. */
  static diag(v: VectorLike): Matrix {
    const d = toVector(v, 'Matrix.diag', 'v');
    const n = d.length;
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = d[i];
    return m;
  }

  /** Seeded random matrix: uniform on [0, 1) (default) or standard normal. */
  static random(rows: number, cols: number, options: { seed?: number; distribution?: 'uniform' | 'normal' } = {}): Matrix {
    checkDim('Matrix.random', 'rows', rows);
    checkDim('Matrix.random', 'cols', cols);
    const distribution = options.distribution ?? 'uniform';
    if (distribution !== 'uniform' && distribution !== 'normal') {
      throw new TypeError(`Matrix.random: distribution must be 'uniform' or 'normal', got ${JSON.stringify(distribution)}`);
    }
    return new Matrix(rows, cols, new Random(options.seed).fill(rows * cols, distribution));
  }

  /** [rows, cols]. */
  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get(i: number, j: number): number {
    return this.data[this.index('get', i, j)];
  }

  set(i: number, j: number, value: number): this {
    if (typeof value !== 'number') throw new TypeError(`set: value is ${describe(value)}, not a number`);
    this.data[this.index('set', i, j)] = value;
    return this;
  }

  private index(op: string, i: number, j: number): number {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= this.rows || j >= this.cols) {
      throw new RangeError(`${op}: index (${i}, ${j}) is outside a ${this.rows}x${this.cols} matrix`);
    }
    return i * this.cols + j;
  }

  /** Row i as a new Float64Array. */
  row(i: number): Float64Array {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) throw new RangeError(`row: index ${i} is outside 0..${this.rows - 1}`);
    return this.data.slice(i * this.cols, (i + 1) * this.cols);
  }

  /** Column j as a new Float64Array. */
  col(j: number): Float64Array {
    if (!Number.isInteger(j) || j < 0 || j >= this.cols) throw new RangeError(`col: index ${j} is outside 0..${this.cols - 1}`);
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j];
    return out;
  }

  /** The main diagonal as a new Float64Array (length min(rows, cols)). */
  diagonal(): Float64Array {
    const n = Math.min(this.rows, this.cols);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.data[i * this.cols + i];
    return out;
  }

  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** The transpose, as a new matrix (blocked copy, so large transposes stay cache friendly). */
  get T(): Matrix {
    const { rows: r, cols: c, data: a } = this;
    const out = new Float64Array(r * c);
    const B = 32;
    for (let i0 = 0; i0 < r; i0 += B) {
      const i1 = Math.min(i0 + B, r);
      for (let j0 = 0; j0 < c; j0 += B) {
        const j1 = Math.min(j0 + B, c);
        for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * r + i] = a[i * c + j];
      }
    }
    return new Matrix(c, r, out);
  }

  /** Elementwise sum; `other` broadcasts as numpy does (scalar, row vector, 1-row or 1-column matrix). */
  add(other: Operand): Matrix {
    return this.elementwise('add', other, (x, y) => x + y);
  }

  sub(other: Operand): Matrix {
    return this.elementwise('sub', other, (x, y) => x - y);
  }

  /** Elementwise (Hadamard) product; use matmul for the matrix product. */
  mul(other: Operand): Matrix {
    return this.elementwise('mul', other, (x, y) => x * y);
  }

  div(other: Operand): Matrix {
    return this.elementwise('div', other, (x, y) => x / y);
  }

  scale(s: number): Matrix {
    if (typeof s !== 'number') throw new TypeError(`scale: factor is ${describe(s)}, not a number`);
    const out = new Float64Array(this.data.length);
    for (let t = 0; t < out.length; t++) out[t] = this.data[t] * s;
    return new Matrix(this.rows, this.cols, out);
  }

  /** Matrix product this * B (WASM SIMD gemm). */
  matmul(B: MatrixLike): Matrix {
    const b = toMatrix(B, 'matmul', 'B');
    if (this.cols !== b.rows) {
      throw new ShapeError(`matmul: inner dimensions differ: A is ${this.rows}x${this.cols}, B is ${b.rows}x${b.cols}`);
    }
    return new Matrix(this.rows, b.cols, gemm({ m: this.rows, n: b.cols, k: this.cols, a: this.data, b: b.data }));
  }

  /** A new matrix of fn(value, i, j); fn must return numbers. */
  map(fn: (value: number, i: number, j: number) => number): Matrix {
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) {
        const t = i * this.cols + j;
        const v = fn(this.data[t], i, j);
        if (typeof v !== 'number') throw new TypeError(`map: callback returned ${describe(v)} at (${i}, ${j}), not a number`);
        out[t] = v;
      }
    }
    return new Matrix(this.rows, this.cols, out);
  }

  /** Sum of all entries, or per column (axis 0) or per row (axis 1). */
  sum(): number;
  sum(axis: 0 | 1): Float64Array;
  sum(axis?: 0 | 1): number | Float64Array {
    const { rows: r, cols: c, data: a } = this;
    if (axis === undefined) {
      let s = 0;
      for (let t = 0; t < a.length; t++) s += a[t];
      return s;
    }
    if (axis === 0) {
      const out = new Float64Array(c);
      for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j] += a[i * c + j];
      return out;
    }
    if (axis === 1) {
      const out = new Float64Array(r);
      for (let i = 0; i < r; i++) {
        let s = 0;
        for (let j = 0; j < c; j++) s += a[i * c + j];
        out[i] = s;
      }
      return out;
    }
    throw new RangeError(`sum: axis must be 0, 1 or omitted, got ${String(axis)}`);
  }

  /** Mean of all entries, or per column (axis 0) or per row (axis 1); an empty reduction throws. */
  mean(): number;
  mean(axis: 0 | 1): Float64Array;
  mean(axis?: 0 | 1): number | Float64Array {
    const count = axis === undefined ? this.data.length : axis === 0 ? this.rows : this.cols;
    if (count === 0) throw new ShapeError(`mean: no entries to average in a ${this.rows}x${this.cols} matrix`);
    if (axis === undefined) return this.sum() / count;
    const s = this.sum(axis);
    for (let t = 0; t < s.length; t++) s[t] /= count;
    return s;
  }

  /** Same shape and every |a - b| <= tol (NaN equals nothing, as in IEEE arithmetic). */
  equals(other: MatrixLike, tol = 0): boolean {
    const b = toMatrix(other, 'equals', 'other');
    if (b.rows !== this.rows || b.cols !== this.cols) return false;
    for (let t = 0; t < this.data.length; t++) {
      const x = this.data[t];
      const y = b.data[t];
      if (!(x === y || Math.abs(x - y) <= tol)) return false;
    }
    return true;
  }

  /** numpy-like text, e.g. "[[1. 2.]\n [3. 4.]]". */
  toString(): string {
    return formatMatrix(this.rows, this.cols, this.data);
  }

  private elementwise(op: string, other: Operand, f: (x: number, y: number) => number): Matrix {
    if (typeof other === 'number') {
      const out = new Float64Array(this.data.length);
      for (let t = 0; t < out.length; t++) out[t] = f(this.data[t], other);
      return new Matrix(this.rows, this.cols, out);
    }
    const b =
      other instanceof Float64Array || (Array.isArray(other) && (other.length === 0 || typeof other[0] !== 'object'))
        ? new Matrix(1, other.length, toVector(other as VectorLike, op, 'other'))
        : toMatrix(other as MatrixLike, op, 'other');
    const rows = broadcastDim(this.rows, b.rows);
    const cols = broadcastDim(this.cols, b.cols);
    if (rows < 0 || cols < 0) {
      throw new ShapeError(`${op}: shapes ${this.rows}x${this.cols} and ${b.rows}x${b.cols} do not broadcast`);
    }
    const out = new Float64Array(rows * cols);
    const ar = this.rows === 1 ? 0 : this.cols;
    const ac = this.cols === 1 ? 0 : 1;
    const br = b.rows === 1 ? 0 : b.cols;
    const bc = b.cols === 1 ? 0 : 1;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[i * cols + j] = f(this.data[i * ar + j * ac], b.data[i * br + j * bc]);
    }
    return new Matrix(rows, cols, out);
  }
}

/** numpy broadcasting of one dimension: equal, or one of them 1; -1 when they don't fit. */
function broadcastDim(x: number, y: number): number {
  if (x === y) return x;
  if (x === 1) return y;
  if (y === 1) return x;
  return -1;
}

/** A Matrix from a Matrix (as is) or nested number arrays (checked); `name` labels errors. */
export function toMatrix(x: MatrixLike, op: string, name = 'A'): Matrix {
  if (x instanceof Matrix) return x;
  if (!Array.isArray(x)) throw new TypeError(`${op}: ${name} must be a Matrix or an array of rows, got ${describe(x)}`);
  try {
    return Matrix.from(x);
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replace(/^Matrix\.from/, `${op}: ${name}`);
    throw error;
  }
}

/** A Float64Array from a Float64Array (as is) or a number array (checked). */
export function toVector(x: VectorLike, op: string, name = 'x'): Float64Array {
  if (x instanceof Float64Array) return x;
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) {
    throw new TypeError(`${op}: ${name} must be a Float64Array or an array of numbers, got ${describe(x)}`);
  }
  checkNumbers(op, x as ArrayLike<unknown>, (t) => `${name}[${t}]`);
  return Float64Array.from(x as ArrayLike<number>);
}
