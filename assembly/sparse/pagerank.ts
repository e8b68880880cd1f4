// PageRank by power iteration (networkx semantics), the whole loop in one WASM call, in two
// layouts of the same link matrix L (entry (i, j): weight of the link j -> i):
//   x' = d (L D^-1 x + (sum of x over dangling pages) w) + (1 - d) p
// with D the column sums (out-weights), p the personalization and w the dangling distribution
// (pointer 0: uniform 1/n). Both stop when sum |x' - x| < n tol and return the iteration count,
// negated when maxIter passed without convergence; x holds the start on entry and the ranks on exit.
//
// By target (gather): rows of L, y_i = sum over the links into i of z_source. No set-up, but the
// reads of z go all over the vector. By source (scatter): rows of L's transpose, each page adds
// x_j / D_j to the pages it links to. In-degrees of real and scale-free graphs are heavy-tailed, so
// the scattered-to entries concentrate on a hot set that stays in cache (scipy's x @ A scatters
// too); but it needs the transpose (a counting sort, about 7 gather steps at 10M links). Measured
// on scale-free graphs: at 1M pages / 10.8M links a scatter step takes about half a gather step;
// at 100k pages (the vector fits in L2) the two steps cost about the same and the transpose does
// not pay. src/ml/pagerank.ts picks by size.

import { CHUNK, rowDot } from "./csr";

/** By target: (rowPtr, colIdx, values) are the rows of L; z and y are n-double scratch. */
export function pagerankByTarget(
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

/**
 * By source: (rowPtr, colIdx, values) are the rows of L's transpose (row j: the links out of j)
 * and outWeight_j the sum of row j; y is n-double scratch.
 */
export function pagerankBySource(
  n: i32, rowPtr: usize, colIdx: usize, values: usize, outWeight: usize,
  p: usize, w: usize, damping: f64, tol: f64, maxIter: i32, x: usize, y: usize,
): i32 {
  for (let it = 1; it <= maxIter; it++) {
    memory.fill(y, 0, <usize>n * 8);
    let dangling = 0.0;
    for (let j0 = 0; j0 < n; j0 += CHUNK) dangling += scatterRows(j0, min<i32>(n, j0 + CHUNK), rowPtr, colIdx, values, outWeight, x, y);
    let err = 0.0;
    for (let i0 = 0; i0 < n; i0 += CHUNK) err += finishRows(i0, min<i32>(n, i0 + CHUNK), n, p, w, damping, dangling, x, y);
    memory.copy(x, y, <usize>n * 8);
    if (err < <f64>n * tol) return it;
  }
  return -maxIter;
}

/** y[colIdx[k]] += values[k] * x_j / outWeight_j over rows j in [from, to); returns the dangling rank. */
function scatterRows(from: i32, to: i32, rowPtr: usize, colIdx: usize, values: usize, outWeight: usize, x: usize, y: usize): f64 {
  let dangling = 0.0;
  for (let j = from; j < to; j++) {
    const o = load<f64>(outWeight + <usize>j * 8);
    const xj = load<f64>(x + <usize>j * 8);
    if (!(o > 0.0)) {
      dangling += xj;
      continue;
    }
    const zj = xj / o;
    const k1 = load<i32>(rowPtr + <usize>(j + 1) * 4);
    let k = load<i32>(rowPtr + <usize>j * 4);
    if (values == 0) {
      for (; k < k1; k++) {
        const q = y + (<usize>load<i32>(colIdx + <usize>k * 4) << 3);
        store<f64>(q, load<f64>(q) + zj);
      }
    } else {
      for (; k < k1; k++) {
        const q = y + (<usize>load<i32>(colIdx + <usize>k * 4) << 3);
        store<f64>(q, load<f64>(q) + zj * load<f64>(values + <usize>k * 8));
      }
    }
  }
  return dangling;
}

/** y_i = d (y_i + dangling w_i) + (1 - d) p_i for i in [from, to); returns sum |y_i - x_i|. */
function finishRows(from: i32, to: i32, n: i32, p: usize, w: usize, damping: f64, dangling: f64, x: usize, y: usize): f64 {
  const uniform = 1.0 / <f64>n;
  const teleport = 1.0 - damping;
  let err = 0.0;
  for (let i = from; i < to; i++) {
    const wi = w == 0 ? uniform : load<f64>(w + <usize>i * 8);
    const pi = p == 0 ? uniform : load<f64>(p + <usize>i * 8);
    const v = damping * (load<f64>(y + <usize>i * 8) + dangling * wi) + teleport * pi;
    store<f64>(y + <usize>i * 8, v);
    err += abs<f64>(v - load<f64>(x + <usize>i * 8));
  }
  return err;
}

