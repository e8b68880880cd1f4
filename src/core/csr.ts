// CsrMatrix: a sparse float64 matrix in compressed sparse row form (Int32 indices, Float64 values),
// owned by plain typed arrays like Matrix.
//
// fromEdges builds a graph's link matrix in the orientation of the course and of pageRank: the
// edge src -> dst with weight w adds w at row dst, column src (column j holds page j's outgoing
// links, row i page i's incoming ones). Duplicate edges are summed, self-loops kept.

import { withScratch, type Scratch } from './arena.js';
import { LinAlgError, NonFiniteError, ShapeError } from './errors.js';
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
    // ShapeError (typed, DESIGN.md "Errors and bad input"; was a plain RangeError): the id does not fit the n x n matrix.
    if (id < 0 || id >= n) throw new ShapeError(`${op}: ${name}[${k}] = ${id} is outside 0..${n - 1} (edge ${k})`);
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
      if (colIdx[k] < 0 || colIdx[k] >= cols) throw new ShapeError(`CsrMatrix: column ${colIdx[k]} of entry ${k} is outside 0..${cols - 1}`);
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
        // Typed errors (were a plain RangeError): non-numbers TypeError, NaN/Infinity NonFiniteError,
        // negative weights the base LinAlgError (no subclass fits a value outside the domain).
        if (typeof v !== 'number') throw new TypeError(`${op}: weights[${k}] is ${String(v)}, not a number (edge ${k})`);
        if (!Number.isFinite(v)) throw new NonFiniteError(`${op}: weights[${k}] is ${v} (edge ${k})`);
        if (v < 0) throw new LinAlgError(`${op}: weights[${k}] = ${v} is negative (edge ${k})`);
        w[k] = v;
      }
    }
    return CsrMatrix.build(n, n, d, s, w);
  }

  /**
   * CSR from coordinates (row, col, value), summing duplicates; indices already checked. Two
   * stable counting sorts, by column and then by row, leave every row's columns in order, so
   * duplicates sit side by side and merge in place; no per-row sort (a million short sorts cost
   * seconds). Temporaries: one index array and, with weights, one value array of the edge count.
   */
  private static build(rows: number, cols: number, r: Int32Array, c: Int32Array, w: Float64Array | null): CsrMatrix {
    const m = r.length;
    // 1. By column: the row of each edge (and its weight) in column order.
    const colPtr = new Int32Array(cols + 1);
    for (let k = 0; k < m; k++) colPtr[c[k] + 1]++;
    for (let j = 0; j < cols; j++) colPtr[j + 1] += colPtr[j];
    const rowByCol = new Int32Array(m);
    const weightByCol = w ? new Float64Array(m) : null;
    for (let k = 0; k < m; k++) {
      const t = colPtr[c[k]]++;
      rowByCol[t] = r[k];
      if (weightByCol) weightByCol[t] = w![k];
    }
    // colPtr[j] now holds the end of column j, i.e. the start of column j + 1.
    // 2. By row, visiting columns in order: each row receives its columns sorted.
    const rowPtr = new Int32Array(rows + 1);
    for (let k = 0; k < m; k++) rowPtr[r[k] + 1]++;
    for (let i = 0; i < rows; i++) rowPtr[i + 1] += rowPtr[i];
    const next = rowPtr.slice(0, rows);
    const colIdx = new Int32Array(m);
    const values = new Float64Array(m);
    let t = 0;
    for (let j = 0; j < cols; j++) {
      for (const end = colPtr[j]; t < end; t++) {
        const q = next[rowByCol[t]]++;
        colIdx[q] = j;
        values[q] = weightByCol ? weightByCol[t] : 1;
      }
    }
    // 3. Merge duplicates in place. At row i, rowPtr[i] already holds the compacted start of row i
    // (written at the end of row i - 1) while rowPtr[i + 1] still holds the uncompacted end.
    let nnz = 0;
    let start = 0;
    for (let i = 0; i < rows; i++) {
      const end = rowPtr[i + 1];
      for (let q = start; q < end; q++) {
        if (nnz > rowPtr[i] && colIdx[nnz - 1] === colIdx[q]) {
          values[nnz - 1] += values[q];
        } else {
          colIdx[nnz] = colIdx[q];
          values[nnz] = values[q];
          nnz++;
        }
      }
      start = end;
      rowPtr[i + 1] = nnz;
    }
    if (nnz === m) return new CsrMatrix(rows, cols, rowPtr, colIdx, values);
    // Trim: a copy only when it saves much (a view keeps the whole buffer alive, but copying
    // would briefly hold both).
    const trim = nnz < 0.9 * m;
    return new CsrMatrix(rows, cols, rowPtr, trim ? colIdx.slice(0, nnz) : colIdx.subarray(0, nnz), trim ? values.slice(0, nnz) : values.subarray(0, nnz));
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

/**
 * Places the transpose of a in WASM memory (row j lists the entries of column j of a, by row)
 * with its row sums, i.e. the column sums of a: PageRank's links stored by source with each
 * page's out-weight. a is copied in and transposed by a WASM counting sort.
 */
export function placeCsrTransposed(s: Scratch, a: CsrMatrix): { rowPtr: number; colIdx: number; values: number; rowSums: number } {
  const p = placeCsr(s, a);
  const tPtr = s.alloc((a.cols + 1) * 4);
  const tIdx = s.alloc(Math.max(a.nnz * 4, 4));
  const tVal = p.values === 0 ? 0 : s.allocF64(a.nnz);
  const sums = s.allocF64(a.cols);
  const next = s.alloc(Math.max(a.cols * 4, 4));
  s.wasm.csrTranspose(a.rows, a.cols, p.rowPtr, p.colIdx, p.values, tPtr, tIdx, tVal, sums, next);
  return { rowPtr: tPtr, colIdx: tIdx, values: tVal, rowSums: sums };
}
