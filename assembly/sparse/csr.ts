// Sparse matrices in compressed sparse row form (rowPtr: i32[rows + 1], colIdx: i32[nnz],
// values: f64[nnz]) and the PageRank power iteration over them.
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
@inline function rowDot(from: i32, to: i32, colIdx: usize, values: usize, x: usize): f64 {
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

/**
 * PageRank by power iteration (networkx semantics), the whole loop in one call:
 *   x' = d (L x + (sum of x over dangling pages) w) + (1 - d) p
 * where L is the link matrix (entry (i, j): weight of the link j -> i) with columns normalised by
 * their sums (outWeight), p the personalization and w the dangling distribution (pointer 0:
 * uniform 1/n). Stops when sum |x' - x| < n tol. x (n doubles) holds the start on entry and the
 * ranks on exit; z and y are n-double scratch. Returns the iteration count, negated when maxIter
 * passed without convergence.
 */
export function pagerank(
  n: i32, rowPtr: usize, colIdx: usize, values: usize, outWeight: usize,
  p: usize, w: usize, damping: f64, tol: f64, maxIter: i32, x: usize, y: usize, z: usize,
): i32 {
  for (let it = 1; it <= maxIter; it++) {
    const err = pagerankStep(n, rowPtr, colIdx, values, outWeight, p, w, damping, x, y, z);
    memory.copy(x, y, <usize>n * 8);
    if (err < <f64>n * tol) return it;
  }
  return -maxIter;
}

/** Rows per call of the row kernels: short calls let V8 optimise them after the first few. */
const CHUNK: i32 = 8192;

/**
 * One power-iteration step into y; returns sum |y - x|. Split into calls over chunks of rows (and
 * of columns), because V8 runs a function's first calls in its baseline compiler and only later
 * ones in optimised code: a single call over a million-page graph would never speed up.
 */
function pagerankStep(
  n: i32, rowPtr: usize, colIdx: usize, values: usize, outWeight: usize,
  p: usize, w: usize, damping: f64, x: usize, y: usize, z: usize,
): f64 {
  let dangling = 0.0;
  for (let j0 = 0; j0 < n; j0 += CHUNK) dangling += scaleByOutWeight(j0, min<i32>(n, j0 + CHUNK), outWeight, x, z);
  let err = 0.0;
  for (let i0 = 0; i0 < n; i0 += CHUNK) {
    err += pagerankRows(i0, min<i32>(n, i0 + CHUNK), n, rowPtr, colIdx, values, p, w, damping, dangling, x, y, z);
  }
  return err;
}

/** z_j = x_j / outWeight_j for j in [from, to); returns the rank of the dangling pages among them. */
function scaleByOutWeight(from: i32, to: i32, outWeight: usize, x: usize, z: usize): f64 {
  let dangling = 0.0;
  for (let j = from; j < to; j++) {
    const o = load<f64>(outWeight + <usize>j * 8);
    const xj = load<f64>(x + <usize>j * 8);
    if (o > 0.0) {
      store<f64>(z + <usize>j * 8, xj / o);
    } else {
      store<f64>(z + <usize>j * 8, 0.0);
      dangling += xj;
    }
  }
  return dangling;
}

/** y_i for rows [from, to); returns sum |y_i - x_i| over them. */
function pagerankRows(
  from: i32, to: i32, n: i32, rowPtr: usize, colIdx: usize, values: usize,
  p: usize, w: usize, damping: f64, dangling: f64, x: usize, y: usize, z: usize,
): f64 {
  const uniform = 1.0 / <f64>n;
  const teleport = 1.0 - damping;
  let err = 0.0;
  for (let i = from; i < to; i++) {
    const k0 = load<i32>(rowPtr + <usize>i * 4);
    const k1 = load<i32>(rowPtr + <usize>(i + 1) * 4);
    const wi = w == 0 ? uniform : load<f64>(w + <usize>i * 8);
    const pi = p == 0 ? uniform : load<f64>(p + <usize>i * 8);
    const v = damping * (rowDot(k0, k1, colIdx, values, z) + dangling * wi) + teleport * pi;
    store<f64>(y + <usize>i * 8, v);
    err += abs<f64>(v - load<f64>(x + <usize>i * 8));
  }
  return err;
}
