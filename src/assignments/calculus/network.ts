// MVC-2 "Backpropagation", the course's version: an all-sigmoid 1-6-7-2 network whose columns are
// samples, its cost ||a3 - y||_F^2 / N, the six cost Jacobians by backpropagation, and the noisy
// steepest-descent training loop. Every product goes through the engine's gemm (matmul); the
// elementwise work is plain TypeScript on the tiny activations.

import { assertFiniteMatrix, shapeOf } from '../../core/checks.js';
import { ConvergenceError, NonFiniteError, ShapeError } from '../../core/errors.js';
import { Matrix, toMatrix, type MatrixLike } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { matmul } from '../../linalg/products.js';

/** The network's parameters, as the course's globals W1..b3. */
export interface Network {
  W1: Matrix;
  W2: Matrix;
  W3: Matrix;
  b1: Matrix;
  b2: Matrix;
  b3: Matrix;
}

/** Anything `toMatrix` accepts for each parameter (e.g. backprop-init.json's nested arrays). */
export type NetworkLike = Record<keyof Network, MatrixLike>;

export interface Activations {
  a0: Matrix;
  z1: Matrix;
  a1: Matrix;
  z2: Matrix;
  a2: Matrix;
  z3: Matrix;
  a3: Matrix;
}

export interface Jacobians {
  J_W1: Matrix;
  J_W2: Matrix;
  J_W3: Matrix;
  J_b1: Matrix;
  J_b2: Matrix;
  J_b3: Matrix;
}

export const PARAMETER_ORDER = ['W1', 'W2', 'W3', 'b1', 'b2', 'b3'] as const;

type Elementwise = <T extends number | Float64Array | Matrix>(z: T) => T;

function elementwise(fn: (v: number) => number): Elementwise {
  return (<T extends number | Float64Array | Matrix>(z: T): T => {
    if (typeof z === 'number') return fn(z) as T;
    if (z instanceof Matrix) {
      const out = new Float64Array(z.data.length);
      for (let t = 0; t < out.length; t++) out[t] = fn(z.data[t]);
      return new Matrix(z.rows, z.cols, out) as T;
    }
    if (z instanceof Float64Array) return z.map(fn) as T;
    throw new TypeError(`expected a number, Float64Array or Matrix, got ${Object.prototype.toString.call(z)}`);
  }) as Elementwise;
}

// Both from e = exp(-|z|) in (0, 1]: no overflow for any z, and no cancellation in sigma'.
// sigma(z) = 1/(1 + e) for z >= 0 and e/(1 + e) = 1/(1 + e^-z) for z < 0 (the same value up to
// rounding); sigma'(z) = e/(1 + e)^2 = 1/(4 cosh^2(z/2)) exactly in real arithmetic.
function sigmaOf(z: number): number {
  const e = Math.exp(-Math.abs(z));
  return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

function dSigmaOf(z: number): number {
  const e = Math.exp(-Math.abs(z));
  return e / ((1 + e) * (1 + e));
}

/** The logistic function 1/(1 + e^-z), elementwise; same type out as in. */
export const sigma = elementwise(sigmaOf);

/** sigma'(z) = 1/(4 cosh^2(z/2)) = sigma(1 - sigma), elementwise; same type out as in. */
export const dSigma = elementwise(dSigmaOf);

/** The course's reset_network: normal/2 draws in the order W1, W2, W3, b1, b2, b3. */
export function resetNetwork(n1 = 6, n2 = 7, seed?: number): Network {
  for (const [name, n] of [['n1', n1], ['n2', n2]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new ShapeError(`resetNetwork: ${name} must be a positive integer, got ${String(n)}`);
  }
  const rng = new Random(seed);
  const draw = (rows: number, cols: number): Matrix => new Matrix(rows, cols, rng.fill(rows * cols, 'normal').map((v) => v / 2));
  const W1 = draw(n1, 1);
  const W2 = draw(n2, n1);
  const W3 = draw(2, n2);
  const b1 = draw(n1, 1);
  const b2 = draw(n2, 1);
  const b3 = draw(2, 1);
  return { W1, W2, W3, b1, b2, b3 };
}

/** Parameters as Matrix objects, checked against one another (1-n1-n2-2) and for NaN/Infinity. */
export function checkNetwork(params: NetworkLike | Network, op: string): Network {
  if (params === null || typeof params !== 'object') throw new TypeError(`${op}: params must be { W1, W2, W3, b1, b2, b3 }`);
  const p = {} as Network;
  for (const key of PARAMETER_ORDER) {
    if (!(key in params)) throw new TypeError(`${op}: params has no ${key}`);
    p[key] = toMatrix(params[key], op, key);
    assertFiniteMatrix(op, key, p[key]);
  }
  const n1 = p.W1.rows;
  const n2 = p.W2.rows;
  const expected: Record<keyof Network, [number, number]> = { W1: [n1, 1], W2: [n2, n1], W3: [2, n2], b1: [n1, 1], b2: [n2, 1], b3: [2, 1] };
  for (const key of PARAMETER_ORDER) {
    const [r, c] = expected[key];
    if (p[key].rows !== r || p[key].cols !== c) {
      const all = PARAMETER_ORDER.map((k) => `${k} ${shapeOf(p[k])}`).join(', ');
      throw new ShapeError(`${op}: ${key} must be ${r}x${c} for a 1-${n1}-${n2}-2 network, got ${all}`);
    }
  }
  return p;
}

function checkX(op: string, x: MatrixLike): Matrix {
  const X = toMatrix(x, op, 'x');
  if (X.rows !== 1 || X.cols < 1) throw new ShapeError(`${op}: x must be 1xN (columns are samples), got ${shapeOf(X)}`);
  assertFiniteMatrix(op, 'x', X);
  return X;
}

function checkInput(op: string, x: MatrixLike, y: MatrixLike): { x: Matrix; y: Matrix } {
  const X = checkX(op, x);
  const Y = toMatrix(y, op, 'y');
  if (Y.rows !== 2 || Y.cols !== X.cols) throw new ShapeError(`${op}: y must be 2x${X.cols} for x ${shapeOf(X)}, got ${shapeOf(Y)}`);
  assertFiniteMatrix(op, 'y', Y);
  return { x: X, y: Y };
}

/**
 * One layer: z = W a + b (the bias broadcast over the sample columns), a = sigma(z), and
 * sigma'(z) for backpropagation, in one pass over the product from the engine's gemm.
 */
function layer(W: Matrix, prev: Matrix, b: Matrix): { z: Matrix; a: Matrix; ds: Matrix } {
  const z = matmul(W, prev);
  const n = z.cols;
  const a = new Float64Array(z.data.length);
  const ds = new Float64Array(z.data.length);
  for (let i = 0; i < z.rows; i++) {
    const bi = b.data[i];
    for (let t = i * n; t < (i + 1) * n; t++) {
      const v = z.data[t] + bi;
      z.data[t] = v;
      const e = Math.exp(-Math.abs(v));
      a[t] = v >= 0 ? 1 / (1 + e) : e / (1 + e);
      ds[t] = e / ((1 + e) * (1 + e));
    }
  }
  return { z, a: new Matrix(z.rows, n, a), ds: new Matrix(z.rows, n, ds) };
}

interface Pass extends Activations {
  ds1: Matrix;
  ds2: Matrix;
  ds3: Matrix;
}

/** a_k = sigma(W_k a_{k-1} + b_k) for k = 1, 2, 3. */
function forward(p: Network, a0: Matrix): Pass {
  const l1 = layer(p.W1, a0, p.b1);
  const l2 = layer(p.W2, l1.a, p.b2);
  const l3 = layer(p.W3, l2.a, p.b3);
  return { a0, z1: l1.z, a1: l1.a, z2: l2.z, a2: l2.a, z3: l3.z, a3: l3.a, ds1: l1.ds, ds2: l2.ds, ds3: l3.ds };
}

/** Every activation and weighted sum of the network for the samples in x (1xN). */
export function networkFunction(params: NetworkLike | Network, x: MatrixLike): Activations {
  const p = checkNetwork(params, 'networkFunction');
  const { a0, z1, a1, z2, a2, z3, a3 } = forward(p, checkX('networkFunction', x));
  return { a0, z1, a1, z2, a2, z3, a3 };
}

function costOf(a3: Matrix, y: Matrix): number {
  let s = 0;
  for (let t = 0; t < a3.data.length; t++) s += (a3.data[t] - y.data[t]) ** 2;
  return s / y.cols;
}

/** ||a3 - y||_F^2 / N. */
export function cost(params: NetworkLike | Network, x: MatrixLike, y: MatrixLike): number {
  const p = checkNetwork(params, 'cost');
  const { x: X, y: Y } = checkInput('cost', x, y);
  return costOf(forward(p, X).a3, Y);
}

/** D times E transposed, divided by N (the Jacobian of a weight matrix). */
function outerMean(D: Matrix, E: Matrix, N: number): Matrix {
  const J = matmul(D, E, { transB: true });
  for (let t = 0; t < J.data.length; t++) J.data[t] /= N;
  return J;
}

/** Row sums / N as an r x 1 column (the Jacobian of a bias). */
function rowMean(D: Matrix, N: number): Matrix {
  const out = new Float64Array(D.rows);
  for (let i = 0; i < D.rows; i++) {
    let s = 0;
    for (let t = i * D.cols; t < (i + 1) * D.cols; t++) s += D.data[t];
    out[i] = s / N;
  }
  return new Matrix(D.rows, 1, out);
}

/** (W^T D) o ds: the next layer's delta, the product from the engine's gemm. */
function backDelta(W: Matrix, D: Matrix, ds: Matrix): Matrix {
  const out = matmul(W, D, { transA: true });
  for (let t = 0; t < out.data.length; t++) out.data[t] *= ds.data[t];
  return out;
}

/** Backpropagation on checked inputs; also returns the cost at these parameters (from the same pass). */
function backprop(p: Network, x: Matrix, y: Matrix): { J: Jacobians; cost: number } {
  const N = x.cols;
  const a = forward(p, x);
  const d3 = new Matrix(a.a3.rows, N);
  let c = 0;
  for (let t = 0; t < d3.data.length; t++) {
    const r = a.a3.data[t] - y.data[t];
    c += r * r;
    d3.data[t] = 2 * r * a.ds3.data[t];
  }
  const d2 = backDelta(p.W3, d3, a.ds2);
  const d1 = backDelta(p.W2, d2, a.ds1);
  const J: Jacobians = {
    J_W1: outerMean(d1, a.a0, N),
    J_W2: outerMean(d2, a.a1, N),
    J_W3: outerMean(d3, a.a2, N),
    J_b1: rowMean(d1, N),
    J_b2: rowMean(d2, N),
    J_b3: rowMean(d3, N),
  };
  return { J, cost: c / N };
}

/** dC/dW_k and dC/db_k for every layer, each of its parameter's shape. */
export function jacobians(params: NetworkLike | Network, x: MatrixLike, y: MatrixLike): Jacobians {
  const p = checkNetwork(params, 'jacobians');
  const { x: X, y: Y } = checkInput('jacobians', x, y);
  return backprop(p, X, Y).J;
}

/** The course's heart: x = k/N, y = ([16 sin^3(2 pi x), 13cos(2 pi x) - 5cos(4 pi x) - 2cos(6 pi x) - cos(8 pi x)]/20 + 1)/2. */
export function trainingData(N = 100): { x: Matrix; y: Matrix } {
  if (!Number.isInteger(N) || N < 1) throw new ShapeError(`trainingData: N must be a positive integer, got ${String(N)}`);
  const x = new Matrix(1, N);
  const y = new Matrix(2, N);
  for (let k = 0; k < N; k++) {
    const t = k / N;
    const w = 2 * Math.PI * t;
    x.data[k] = t;
    y.data[k] = ((16 * Math.sin(w) ** 3) / 20 + 1) / 2;
    y.data[N + k] = ((13 * Math.cos(w) - 5 * Math.cos(2 * w) - 2 * Math.cos(3 * w) - Math.cos(4 * w)) / 20 + 1) / 2;
  }
  return { x, y };
}

export interface TrainOptions {
  iterations: number;
  /** Step size; the course default is 3.5 (its notebook trains with 7). */
  aggression?: number;
  /** Each Jacobian is scaled by its own 1 + noise g, g standard normal drawn W1..b3. */
  noise?: number;
  seed?: number;
  /** Called after each update with the iteration count so far and the parameters. */
  onIteration?: (iteration: number, params: Network) => void;
}

export interface TrainResult {
  params: Network;
  /** costs[k] = cost after k updates (costs[0] = initial cost), length iterations + 1. */
  costs: Float64Array;
}

/**
 * The course's training loop: P <- P - aggression (1 + noise g) J_P for all six parameters,
 * `iterations` updates (the course's loop makes one more). A cost that stops being finite ends the
 * run with a ConvergenceError naming the iteration instead of returning NaN weights.
 */
export function train(params: NetworkLike | Network, x: MatrixLike, y: MatrixLike, options: TrainOptions): TrainResult {
  const { iterations, aggression = 3.5, noise = 0, seed, onIteration } = options;
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`train: iterations must be a non-negative integer, got ${String(iterations)}`);
  for (const [name, v] of [['aggression', aggression], ['noise', noise]] as const) {
    if (!Number.isFinite(v)) throw new NonFiniteError(`train: ${name} is ${v}`);
  }
  let p = checkNetwork(params, 'train');
  const { x: X, y: Y } = checkInput('train', x, y);
  const rng = new Random(seed);
  const costs = new Float64Array(iterations + 1);
  for (let it = 0; it <= iterations; it++) {
    const { J, cost: c } = backprop(p, X, Y);
    if (!Number.isFinite(c)) throw new ConvergenceError(`train: the cost is ${c} after ${it} updates (aggression ${aggression}, noise ${noise}): diverged`);
    costs[it] = c;
    if (it === iterations) break;
    const next = {} as Network;
    for (const key of PARAMETER_ORDER) {
      const factor = noise === 0 ? 1 : 1 + noise * rng.normal();
      const Jk = J[`J_${key}`];
      const P = p[key];
      const out = new Float64Array(P.data.length);
      const s = aggression * factor;
      let finite = true;
      for (let t = 0; t < out.length; t++) {
        out[t] = P.data[t] - s * Jk.data[t];
        finite &&= Number.isFinite(out[t]);
      }
      // Overflowed weights can still give a finite cost (sigma(Infinity) = 1): stop here instead.
      if (!finite) throw new ConvergenceError(`train: ${key} overflowed at update ${it + 1} (aggression ${aggression}, noise ${noise}): diverged`);
      next[key] = new Matrix(P.rows, P.cols, out);
    }
    p = next;
    onIteration?.(it + 1, p);
  }
  return { params: p, costs };
}
