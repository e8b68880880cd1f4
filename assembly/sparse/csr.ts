// Sparse matrices in compressed sparse row form (rowPtr: i32[rows + 1], colIdx: i32[nnz],
// values: f64[nnz]): products and the transpose. Loops run over chunks of rows in
// separate calls: V8 runs a function's first calls in its baseline compiler and only later ones in
// optimised code, so a single call over a million-page graph would never speed up.
//
// Products are gathers (y_i = sum over row i), never scatters, so they need no atomics and stream
// colIdx/values once. A values pointer of 0 means every stored value is 1 (unweighted graphs:
// 8 bytes per edge saved).

/** y = A x for a CSR matrix of `rows` rows. */
export function csrMatvec(rows: i32, rowPtr: usize, colIdx: usize, values: usize, x: usize, y: usize): void {
  for (let i0 = 0; i0 < rows; i0 += CHUNK) matvecRows(i0, min<i32>(rows, i0 + CHUNK), rowPtr, colIdx, values, x, y);
}

function matvecRows(from: i32, to: i32, rowPtr: usize, colIdx: usize, values: usize, x: usize, y: usize): void {
  for (let i = from; i < to; i++) {
    const from = load<i32>(rowPtr + <usize>i * 4);
    const to = load<i32>(rowPtr + <usize>(i + 1) * 4);
    store<f64>(y + <usize>i * 8, rowDot(from, to, colIdx, values, x));
  }
}

/** Sum over k in [from, to) of values[k] * x[colIdx[k]] (values 0: all ones). Two accumulators. */
// @ts-ignore: decorator
@inline export function rowDot(from: i32, to: i32, colIdx: usize, values: usize, x: usize): f64 {
  let s0 = 0.0;
  let s1 = 0.0;
  let k = from;
  if (values == 0) {
    for (; k + 1 < to; k += 2) {
      s0 += load<f64>(x + (<usize>load<i32>(colIdx + <usize>k * 4) << 3));
      s1 += load<f64>(x + (<usize>load<i32>(colIdx + <usize>(k + 1) * 4) << 3));
    }
    if (k < to) s0 += load<f64>(x + (<usize>load<i32>(colIdx + <usize>k * 4) << 3));
  } else {
    for (; k + 1 < to; k += 2) {
      s0 += load<f64>(values + <usize>k * 8) * load<f64>(x + (<usize>load<i32>(colIdx + <usize>k * 4) << 3));
      s1 += load<f64>(values + <usize>(k + 1) * 8) * load<f64>(x + (<usize>load<i32>(colIdx + <usize>(k + 1) * 4) << 3));
    }
    if (k < to) s0 += load<f64>(values + <usize>k * 8) * load<f64>(x + (<usize>load<i32>(colIdx + <usize>k * 4) << 3));
  }
  return s0 + s1;
}

/**
 * The transpose of a CSR matrix (rows x cols) into (tPtr: cols + 1, tIdx, tVal) with its row
 * sums (the column sums of the input) in `sums`; tVal and values 0 when all values are 1.
 * `next` is cols i32 of scratch. Counting sort: one pass counts, one pass places; both chunked.
 */
export function csrTranspose(
  rows: i32, cols: i32, rowPtr: usize, colIdx: usize, values: usize,
  tPtr: usize, tIdx: usize, tVal: usize, sums: usize, next: usize,
): void {
  const nnz = load<i32>(rowPtr + <usize>rows * 4);
  memory.fill(tPtr, 0, <usize>(cols + 1) * 4);
  memory.fill(sums, 0, <usize>cols * 8);
  for (let k0 = 0; k0 < nnz; k0 += CHUNK * 16) countColumns(k0, min<i32>(nnz, k0 + CHUNK * 16), colIdx, values, tPtr, sums);
  let acc = 0;
  for (let j = 0; j <= cols; j++) {
    acc += load<i32>(tPtr + <usize>j * 4);
    store<i32>(tPtr + <usize>j * 4, acc);
  }
  memory.copy(next, tPtr, <usize>cols * 4);
  for (let i0 = 0; i0 < rows; i0 += CHUNK) placeRows(i0, min<i32>(rows, i0 + CHUNK), rowPtr, colIdx, values, tIdx, tVal, next);
}

/** tPtr[j + 1] += 1 and sums[j] += value for every entry k in [from, to) of column j. */
function countColumns(from: i32, to: i32, colIdx: usize, values: usize, tPtr: usize, sums: usize): void {
  for (let k = from; k < to; k++) {
    const j = <usize>load<i32>(colIdx + <usize>k * 4);
    const c = tPtr + (j + 1) * 4;
    store<i32>(c, load<i32>(c) + 1);
    const s = sums + j * 8;
    store<f64>(s, load<f64>(s) + (values == 0 ? 1.0 : load<f64>(values + <usize>k * 8)));
  }
}

/** Places the entries of rows [from, to) at their columns' next free slots. */
function placeRows(from: i32, to: i32, rowPtr: usize, colIdx: usize, values: usize, tIdx: usize, tVal: usize, next: usize): void {
  for (let i = from; i < to; i++) {
    const k1 = load<i32>(rowPtr + <usize>(i + 1) * 4);
    for (let k = load<i32>(rowPtr + <usize>i * 4); k < k1; k++) {
      const p = next + (<usize>load<i32>(colIdx + <usize>k * 4) << 2);
      const q = load<i32>(p);
      store<i32>(p, q + 1);
      store<i32>(tIdx + <usize>q * 4, i);
      if (tVal != 0) store<f64>(tVal + <usize>q * 8, load<f64>(values + <usize>k * 8));
    }
  }
}

/** Rows per call of the row kernels: short calls let V8 optimise them after the first few. */
export const CHUNK: i32 = 8192;

/** out[j] = sum of the values in column j (out has `cols` entries, zeroed here). */
export function csrColumnSums(cols: i32, nnz: i32, colIdx: usize, values: usize, out: usize): void {
  memory.fill(out, 0, <usize>cols * 8);
  for (let k0 = 0; k0 < nnz; k0 += CHUNK * 16) addColumns(k0, min<i32>(nnz, k0 + CHUNK * 16), colIdx, values, out);
}

function addColumns(from: i32, to: i32, colIdx: usize, values: usize, out: usize): void {
  for (let k = from; k < to; k++) {
    const p = out + (<usize>load<i32>(colIdx + <usize>k * 4) << 3);
    store<f64>(p, load<f64>(p) + (values == 0 ? 1.0 : load<f64>(values + <usize>k * 8)));
  }
}
