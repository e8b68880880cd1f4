// knn(trainX, trainY, testX, k): k-nearest-neighbour classification by Euclidean distance
// (scikit-learn's KNeighborsClassifier with uniform weights, brute force). Distances come from
// one gemm per block of test rows (distances.ts); the k nearest of each test row are selected
// in TypeScript (a sorted insertion buffer of k entries: O(N) per row for small k).
//
// Deterministic tie rules: among equal distances the lower training index is nearer; among
// classes with equal votes the lower class wins (scikit-learn's vote: scipy's mode, lowest first).
// Squared distances are compared (the square root could merge distinct values).

import { shapeOf } from '../core/checks.js';
import { NonFiniteError, ShapeError } from '../core/errors.js';
import { Matrix, toVector, type MatrixLike, type VectorLike } from '../core/matrix.js';
import { dataMatrix, integerIn } from './data-checks.js';
import { crossSquared, rowSquaredNorms } from './distances.js';

/** Test rows per gemm block: bounds the distance block to TEST_BLOCK x N doubles. */
const TEST_BLOCK = 256;

/** Integer labels, one per training row. */
function labelsOf(trainY: VectorLike | Int32Array, n: number): Int32Array {
  const raw = trainY instanceof Int32Array ? trainY : toVector(trainY as VectorLike, 'knn', 'trainY');
  if (raw.length !== n) throw new ShapeError(`knn: trainY has ${raw.length} labels, trainX has ${n} rows`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) {
      throw new (Number.isFinite(v) ? ShapeError : NonFiniteError)(`knn: trainY[${i}] = ${v} is not a non-negative integer class label`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * The predicted class of each row of testX (M x D) by a majority vote of its k nearest rows of
 * trainX (N x D) with labels trainY (N non-negative integers). Throws ShapeError for mismatched
 * shapes, a label count other than N, or k outside 1..N; NonFiniteError for NaN or Infinity.
 */
export function knn(trainX: MatrixLike, trainY: VectorLike | Int32Array, testX: MatrixLike, k: number): Int32Array {
  const train = dataMatrix('knn', trainX, 'trainX');
  const test = toMatrixChecked(testX, train.cols);
  const labels = labelsOf(trainY, train.rows);
  integerIn('knn', 'k', k, 1, train.rows, `the ${train.rows} training samples`);
  const N = train.rows;
  // votes are counted over the distinct labels, ascending (labels may be any non-negative int32)
  const classes = Int32Array.from(new Set(labels)).sort();
  const slot = new Map<number, number>();
  classes.forEach((c, i) => slot.set(c, i));
  const dense = Int32Array.from(labels, (c) => slot.get(c)!);
  const trainNorms = rowSquaredNorms(train);
  const out = new Int32Array(test.rows);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  const votes = new Int32Array(classes.length);
  for (let start = 0; start < test.rows; start += TEST_BLOCK) {
    const end = Math.min(test.rows, start + TEST_BLOCK);
    const block = new Matrix(end - start, test.cols, test.data.subarray(start * test.cols, end * test.cols));
    const d2 = crossSquared(block, train, rowSquaredNorms(block), trainNorms).data;
    for (let r = 0; r < end - start; r++) {
      nearest(d2, r * N, N, k, bestD, bestI);
      votes.fill(0);
      for (let t = 0; t < k; t++) votes[dense[bestI[t]]]++;
      let winner = 0;
      for (let c = 1; c < classes.length; c++) if (votes[c] > votes[winner]) winner = c;
      out[start + r] = classes[winner];
    }
  }
  return out;
}

function toMatrixChecked(testX: MatrixLike, cols: number): Matrix {
  const m = dataMatrix('knn', testX, 'testX');
  if (m.cols !== cols) throw new ShapeError(`knn: testX (${shapeOf(m)}) must have ${cols} columns like trainX`);
  return m;
}

/**
 * The k smallest of d[off .. off + n) into bestD / bestI, ascending, ties by lower index: a
 * candidate enters only when strictly nearer than the current k-th (indices arrive in order).
 */
export function nearest(d: Float64Array, off: number, n: number, k: number, bestD: Float64Array, bestI: Int32Array): void {
  let filled = 0;
  for (let j = 0; j < n; j++) {
    const v = d[off + j];
    if (filled === k && v >= bestD[k - 1]) continue;
    let p = filled === k ? k - 1 : filled++;
    while (p > 0 && bestD[p - 1] > v) {
      bestD[p] = bestD[p - 1];
      bestI[p] = bestI[p - 1];
      p--;
    }
    bestD[p] = v;
    bestI[p] = j;
  }
}
