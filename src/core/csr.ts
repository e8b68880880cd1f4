// CsrMatrix: a sparse float64 matrix in compressed sparse row form (Int32 indices, Float64 values),
// owned by plain typed arrays like Matrix.
//
// fromEdges builds a graph's link matrix in the orientation of the course and of pageRank: the
// edge src -> dst with weight w adds w at row dst, column src (column j holds page j's outgoing
// links, row i page i's incoming ones). Duplicate edges are summed, self-loops kept.

import { withScratch, type Scratch } from './arena.js';
import { ShapeError } from './errors.js';
import { Matrix, toMatrix, toVector, type MatrixLike, type VectorLike } from './matrix.js';

type IndexLike = Int32Array | ArrayLike<number>;

function indexArray(op: string, name: string, v: IndexLike, n: number): Int32Array {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${op}: ${name} must be an Int32Array or an array of integers`);
  }
  // An Int32Array is checked in place, not copied (graphs of 10M edges: 40 MB saved per array).
  const out = v instanceof Int32Array ? v : new Int32Array(v.length);
  for (let k = 0; k < v.length; k++) {
    const id = v[k];
    if (out !== v && (typeof id !== 'number' || !Number.isInteger(id))) throw new TypeError(`${op}: ${name}[${k}] is ${String(id)}, not an integer (edge ${k})`);
    if (id < 0 || id >= n) throw new RangeError(`${op}: ${name}[${k}] = ${id} is outside 0..${n - 1} (edge ${k})`);
    out[k] = id;
  }
  return out;
}

export class CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row i's entries are at indices rowPtr[i] .. rowPtr[i + 1] - 1 of colIdx and values. */
  readonly rowPtr: Int32Array;
  /** Column of each entry; sorted and unique within a row. */
  readonly colIdx: Int32Array;
  readonly values: Float64Array;

  /** Wraps CSR arrays (not copied) after checking their structure. */
  constructor(rows: number, cols: number, rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array) {
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
      throw new ShapeError(`CsrMatrix: shape must be non-negative integers, got ${rows}x${cols}`);
    }
    if (!(rowPtr instanceof Int32Array) || !(colIdx instanceof Int32Array) || !(values instanceof Float64Array)) {
      throw new TypeError('CsrMatrix: rowPtr and colIdx must be Int32Arrays, values a Float64Array');
    }
    const nnz = colIdx.length;
    if (rowPtr.length !== rows + 1 || rowPtr[0] !== 0 || rowPtr[rows] !== nnz || values.length !== nnz) {
      throw new ShapeError(`CsrMatrix: inconsistent arrays for ${rows}x${cols} (rowPtr ${rowPtr.length}, colIdx ${nnz}, values ${values.length})`);
    }
    for (let i = 0; i < rows; i++) if (rowPtr[i + 1] < rowPtr[i]) throw new ShapeError(`CsrMatrix: rowPtr decreases at row ${i}`);
    for (let k = 0; k < nnz; k++) {
      if (colIdx[k] < 0 || colIdx[k] >= cols) throw new RangeError(`CsrMatrix: column ${colIdx[k]} of entry ${k} is outside 0..${cols - 1}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
  }

  /** Stored entries. */
  get nnz(): number {
    return this.colIdx.length;
  }

  /**
   * The n x n link matrix of a graph: for each edge k, weights[k] (default 1) is added at
   * (dst[k], src[k]). Duplicates are summed; self-loops kept. Ids must be integers in 0..n-1,
   * weights finite and non-negative; the error names the offending edge.
   */
  static fromEdges(n: number, src: IndexLike, dst: IndexLike, weights?: ArrayLike<number>): CsrMatrix {
    const op = 'CsrMatrix.fromEdges';
    if (!Number.isInteger(n) || n < 0) throw new ShapeError(`${op}: n must be a non-negative integer, got ${String(n)}`);
    const s = indexArray(op, 'src', src, n);
    const d = indexArray(op, 'dst', dst, n);
    if (s.length !== d.length) throw new ShapeError(`${op}: src has ${s.length} edges, dst ${d.length}`);
    const m = s.length;
    let w: Float64Array | null = null;
    if (weights !== undefined) {
      if (weights.length !== m) throw new ShapeError(`${op}: weights has ${weights.length} entries for ${m} edges`);
      w = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        const v = weights[k];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`${op}: weights[${k}] = ${String(v)} is not a finite non-negative number (edge ${k})`);
        w[k] = v;
      }
    }
    return CsrMatrix.build(n, n, d, s, w);
  }

  /**
   * CSR from coordinates (row, col, value), summing duplicates; indices already checked. One
   * counting sort by row writes the columns (and weights) straight into their rows, each row is
   * then sorted by column and its duplicates merged in place: the only large temporaries are the
   * result arrays themselves.
   */
  private static build(rows: number, cols: number, r: Int32Array, c: Int32Array, w: Float64Array | null): CsrMatrix {
    const m = r.length;
    const rowPtr = new Int32Array(rows + 1);
    for (let k = 0; k < m; k++) rowPtr[r[k] + 1]++;
    for (let i = 0; i < rows; i++) rowPtr[i + 1] += rowPtr[i];
    const next = rowPtr.slice(0, rows);
    const colIdx = new Int32Array(m);
    const values = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const t = next[r[k]]++;
      colIdx[t] = c[k];
      values[t] = w ? w[k] : 1;
    }
    // Invariant: at row i, rowPtr[i] already holds the compacted start of row i (written at the end
    // of row i - 1) while rowPtr[i + 1] still holds the uncompacted end, read before it is rewritten.
    let nnz = 0;
    let start = 0;
    for (let i = 0; i < rows; i++) {
      const end = rowPtr[i + 1];
      sortRow(colIdx, values, start, end, w !== null);
      for (let t = start; t < end; t++) {
        if (nnz > rowPtr[i] && colIdx[nnz - 1] === colIdx[t]) {
          values[nnz - 1] += values[t];
        } else {
          colIdx[nnz] = colIdx[t];
          values[nnz] = values[t];
          nnz++;
        }
      }
      start = end;
      rowPtr[i + 1] = nnz;
    }
    return new CsrMatrix(rows, cols, rowPtr, nnz === m ? colIdx : colIdx.slice(0, nnz), nnz === m ? values : values.slice(0, nnz));
  }

  /** The non-zero entries of a dense matrix (exact zeros are not stored). */
  static fromDense(M: MatrixLike): CsrMatrix {
    const a = toMatrix(M, 'CsrMatrix.fromDense', 'M');
    const rowPtr = new Int32Array(a.rows + 1);
    let nnz = 0;
    for (let t = 0; t < a.data.length; t++) if (a.data[t] !== 0) nnz++;
    const colIdx = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    let k = 0;
    for (let i = 0; i < a.rows; i++) {
      for (let j = 0; j < a.cols; j++) {
        const v = a.data[i * a.cols + j];
        if (v !== 0) {
          colIdx[k] = j;
          values[k++] = v;
        }
      }
      rowPtr[i + 1] = k;
    }
    return new CsrMatrix(a.rows, a.cols, rowPtr, colIdx, values);
  }

  toDense(): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) out.data[i * this.cols + this.colIdx[k]] += this.values[k];
    }
    return out;
  }

  transpose(): CsrMatrix {
    const rows = new Int32Array(this.nnz);
    for (let i = 0; i < this.rows; i++) rows.fill(i, this.rowPtr[i], this.rowPtr[i + 1]);
    return CsrMatrix.build(this.cols, this.rows, this.colIdx, rows, this.values);
  }

  /** y = A x in WASM. */
  matvec(x: VectorLike): Float64Array {
    const v = toVector(x, 'CsrMatrix.matvec', 'x');
    if (v.length !== this.cols) throw new ShapeError(`CsrMatrix.matvec: the matrix is ${this.rows}x${this.cols} but x has length ${v.length}`);
    return withScratch('CsrMatrix.matvec', (s) => {
      const p = placeCsr(s, this);
      const px = s.put(v);
      const py = s.allocF64(this.rows);
      s.wasm.csrMatvec(this.rows, p.rowPtr, p.colIdx, p.values, px, py);
      return s.take(py, this.rows);
    });
  }
}

/**
 * Sorts row [from, to) by column. Without weights the values are all 1 and only the columns move
 * (a native typed-array sort); with weights, pairs move together (insertion sort for short rows,
 * an index sort for long ones).
 */
function sortRow(colIdx: Int32Array, values: Float64Array, from: number, to: number, weighted: boolean): void {
  const len = to - from;
  if (len < 2) return;
  if (!weighted) {
    colIdx.subarray(from, to).sort();
    return;
  }
  if (len <= 32) {
    for (let a = from + 1; a < to; a++) {
      const c = colIdx[a];
      const v = values[a];
      let b = a - 1;
      while (b >= from && colIdx[b] > c) {
        colIdx[b + 1] = colIdx[b];
        values[b + 1] = values[b];
        b--;
      }
      colIdx[b + 1] = c;
      values[b + 1] = v;
    }
    return;
  }
  const order = Array.from({ length: len }, (_, t) => from + t).sort((x, y) => colIdx[x] - colIdx[y]);
  const cs = order.map((t) => colIdx[t]);
  const vs = order.map((t) => values[t]);
  colIdx.set(cs, from);
  values.set(vs, from);
}

/** True when every stored value is 1 (the kernels then skip the values array). */
export function unitValues(a: CsrMatrix): boolean {
  for (let k = 0; k < a.values.length; k++) if (a.values[k] !== 1) return false;
  return true;
}


/** Copies a CSR matrix into WASM memory; values address 0 when all values are 1. */
export function placeCsr(s: Scratch, a: CsrMatrix): { rowPtr: number; colIdx: number; values: number } {
  const rowPtr = s.alloc(a.rowPtr.byteLength);
  new Int32Array(s.wasm.memory.buffer, rowPtr, a.rowPtr.length).set(a.rowPtr);
  const colIdx = s.alloc(Math.max(a.colIdx.byteLength, 4));
  new Int32Array(s.wasm.memory.buffer, colIdx, a.colIdx.length).set(a.colIdx);
  const values = unitValues(a) ? 0 : s.put(a.values);
  return { rowPtr, colIdx, values };
}
