// PCA-2 "Distances and angles between images; k-nearest neighbours": everything through dot
// products, as the course does. pairwiseDistanceMatrix uses ‖x‖² + ‖y‖² - 2 x·y with the cross
// products on the engine's gemm (or syrk when X and Y are the same data, so the diagonal is
// exactly zero), clamped at 0 against cancellation.

import { shapeOf } from '../../core/checks.js';
import { LinAlgError, ShapeError } from '../../core/errors.js';
import { Matrix, type MatrixLike, type VectorLike } from '../../core/matrix.js';
import { gram, matmul } from '../../linalg/products.js';
import { countArg, dataMatrix, finiteVector, isMatrixLike, vectorPair } from './input.js';

/** Euclidean distance √((x - y)·(x - y)). */
export function distance(x: VectorLike, y: VectorLike): number {
  const [a, b] = vectorPair('distance', x, y);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
  return Math.sqrt(s);
}

/** The largest absolute entry. */
function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const t of v) m = Math.max(m, Math.abs(t));
  return m;
}

/**
 * Angle in radians, arccos(x·y / (‖x‖‖y‖)) with the cosine clamped to [-1, 1]. Each vector is first
 * divided by its largest absolute entry (the angle does not change; no overflow or underflow in
 * the squares), and ‖x‖‖y‖ is taken as √(x·x y·y), so that angle(x, x) is exactly 0 (√(fl(a²)) = a
 * in IEEE arithmetic). A zero vector has no angle: LinAlgError.
 */
export function angle(x: VectorLike, y: VectorLike): number {
  const [a, b] = vectorPair('angle', x, y);
  const sa = maxAbs(a);
  const sb = maxAbs(b);
  if (sa === 0 || sb === 0) throw new LinAlgError(`angle: ${sa === 0 ? 'x' : 'y'} is the zero vector, its angle is undefined`);
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < a.length; i++) {
    const u = a[i] / sa;
    const v = b[i] / sb;
    xy += u * v;
    xx += u * u;
    yy += v * v;
  }
  return Math.acos(Math.min(1, Math.max(-1, xy / Math.sqrt(xx * yy))));
}

/** Squared row norms of x. */
function rowNormsSquared(x: Matrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    for (let j = 0; j < x.cols; j++) s += x.data[i * x.cols + j] ** 2;
    out[i] = s;
  }
  return out;
}

/** Same shape and same numbers. */
function sameData(a: Matrix, b: Matrix): boolean {
  if (a === b || (a.data === b.data && a.rows === b.rows)) return true;
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  for (let t = 0; t < a.data.length; t++) if (a.data[t] !== b.data[t]) return false;
  return true;
}

/** Squared distances between the rows of x (N x D) and of y (M x D), N x M, clamped at 0. */
export function squaredDistances(x: Matrix, y: Matrix): Matrix {
  if (sameData(x, y)) {
    const G = gram(x, { of: 'rows' });
    const n = x.rows;
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = Math.max(0, G.data[i * n + i] + G.data[j * n + j] - 2 * G.data[i * n + j]);
    return new Matrix(n, n, out);
  }
  const G = matmul(x, y, { transB: true });
  const xx = rowNormsSquared(x);
  const yy = rowNormsSquared(y);
  const m = y.rows;
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < m; j++) G.data[i * m + j] = Math.max(0, xx[i] + yy[j] - 2 * G.data[i * m + j]);
  return G;
}

/** Distances between every row of X (N x D) and every row of Y (M x D): N x M. */
export function pairwiseDistanceMatrix(X: MatrixLike, Y: MatrixLike): Matrix {
  const x = dataMatrix('pairwiseDistanceMatrix', X, 'X');
  const y = dataMatrix('pairwiseDistanceMatrix', Y, 'Y');
  if (x.cols !== y.cols) throw new ShapeError(`pairwiseDistanceMatrix: X (${shapeOf(x)}) and Y (${shapeOf(y)}) have different numbers of columns`);
  return squaredDistances(x, y).map(Math.sqrt);
}

/** Class labels: integers >= 0, one per training row. */
function labelsOf(op: string, y: ArrayLike<number>, n: number): Int32Array {
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') throw new TypeError(`${op}: y must be an array of labels`);
  if (y.length !== n) throw new ShapeError(`${op}: y has ${y.length} labels but X has ${n} rows`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) throw new TypeError(`${op}: labels must be non-negative integers, y[${i}] is ${v}`);
    out[i] = v;
  }
  return out;
}

/** √(Σ (xᵢ - yᵢ)²) of row q of `queries` and row j of `train`, summed in index order (as numpy's direct formula). */
function directDistance(queries: Matrix, q: number, train: Matrix, j: number): number {
  const d = train.cols;
  let s = 0;
  for (let t = 0; t < d; t++) {
    const u = queries.data[q * d + t] - train.data[j * d + t];
    s += u * u;
  }
  return Math.sqrt(s);
}

/**
 * The k nearest training rows of each query in stable order (ties to the lower index), with
 * exact ties kept exact. The engine's ‖x‖² + ‖y‖² - 2x·y screens the candidates; its rounding
 * (below about 2 (D + 3) eps (‖x‖² + ‖y‖²); 8 (D + 2) eps is allowed) could break exact ties such
 * as equidistant grid points, so every row that may be within the k-th distance is measured again
 * directly and those distances decide.
 */
function nearestRows(queries: Matrix, train: Matrix, k: number): Int32Array[] {
  const n = train.rows;
  const G = matmul(queries, train, { transB: true }).data;
  const xx = rowNormsSquared(queries);
  const yy = rowNormsSquared(train);
  const slack = 8 * (train.cols + 2) * Number.EPSILON;
  const upper = new Float64Array(n);
  const out: Int32Array[] = [];
  for (let q = 0; q < queries.rows; q++) {
    for (let j = 0; j < n; j++) {
      const approx = Math.max(0, xx[q] + yy[j] - 2 * G[q * n + j]);
      upper[j] = approx + slack * (xx[q] + yy[j]);
    }
    const threshold = upper.slice().sort()[k - 1];
    const candidates: { j: number; d: number }[] = [];
    for (let j = 0; j < n; j++) {
      const lower = upper[j] - 2 * slack * (xx[q] + yy[j]);
      if (lower <= threshold) candidates.push({ j, d: directDistance(queries, q, train, j) });
    }
    candidates.sort((a, b) => a.d - b.d || a.j - b.j);
    out.push(Int32Array.from(candidates.slice(0, k), (c) => c.j));
  }
  return out;
}

/** Votes per class 0..classes-1; the most votes win, ties to the lower class. */
function vote(nearest: Int32Array, labels: Int32Array, classes: number): number {
  const votes = new Int32Array(classes);
  for (const j of nearest) votes[labels[j]]++;
  let best = 0;
  for (let c = 1; c < classes; c++) if (votes[c] > votes[best]) best = c;
  return best;
}

/**
 * k-nearest-neighbour class of `x` (a vector), or of each row of a Matrix of queries (an
 * Int32Array). X: N x D training samples, y: their integer labels, 1 <= k <= N. Euclidean
 * distances (screened on the engine, decided exactly: see nearestRows); the k nearest in stable
 * order (ties to the lower index); votes per class 0..max(y), the most votes win (ties to the
 * lower class).
 */
export function knn(k: number, X: MatrixLike, y: ArrayLike<number>, x: VectorLike): number;
export function knn(k: number, X: MatrixLike, y: ArrayLike<number>, x: Matrix): Int32Array;
export function knn(k: number, X: MatrixLike, y: ArrayLike<number>, x: VectorLike | Matrix): number | Int32Array {
  const train = dataMatrix('knn', X, 'X');
  countArg('knn', 'k', k);
  if (k < 1 || k > train.rows) throw new ShapeError(`knn: k = ${k} must be between 1 and the number of training samples (${train.rows})`);
  const labels = labelsOf('knn', y, train.rows);
  const classes = labels.reduce((m, v) => Math.max(m, v), 0) + 1;
  const single = !(x instanceof Matrix);
  if (!single && !isMatrixLike(x)) throw new TypeError('knn: x must be a vector or a Matrix of queries');
  const queries = single ? new Matrix(1, train.cols, finiteVector('knn', x as VectorLike, 'x', train.cols)) : dataMatrix('knn', x as Matrix, 'x');
  if (queries.cols !== train.cols) throw new ShapeError(`knn: queries (${shapeOf(queries)}) and X (${shapeOf(train)}) have different numbers of columns`);
  const out = Int32Array.from(nearestRows(queries, train, k), (nearest) => vote(nearest, labels, classes));
  return single ? out[0] : out;
}
