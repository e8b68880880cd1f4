// Gradient descent on a function of a vector, and scalar Newton-Raphson (MVC-3's method), both with
// their iterate history, an iteration cap, and a typed error instead of a silent NaN.
//
// Stopping at the cap is not an error here (converged: false, like pageRank): the caller decides.
// Divergence is: once the value, the gradient or an iterate is NaN or Infinity there is nothing to
// return, so ConvergenceError names the step where it happened.

import { ConvergenceError, LinAlgError, NonFiniteError, ShapeError } from '../core/errors.js';
import { toVector, type VectorLike } from '../core/matrix.js';

export interface GradientStep {
  /** 1 for the first step. */
  iteration: number;
  /** The new iterate (do not keep a reference: copy it if needed). */
  x: Float64Array;
  /** fn at the new iterate. */
  value: number;
  /** 2-norm of the gradient at the previous iterate (the one the step was taken along). */
  gradientNorm: number;
}

export interface GradientDescentOptions {
  /** Step size (default 0.01). */
  learningRate?: number;
  /** Iteration cap (default 1000). */
  maxIter?: number;
  /** Stop when the gradient's 2-norm or the step's 2-norm is at most tol (default 1e-8). */
  tol?: number;
  /** Called after every step; returning false stops the descent (converged: false). */
  onStep?: (step: GradientStep) => boolean | void;
}

export interface GradientDescentResult {
  x: Float64Array;
  /** fn(x). */
  value: number;
  iterations: number;
  converged: boolean;
  /** fn at x0 and after every step (length iterations + 1). */
  values: number[];
}

function checkPositive(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new LinAlgError(`${op}: ${name} must be a positive finite number, got ${String(v)}`);
  return v;
}

function checkNonNegative(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0)) throw new LinAlgError(`${op}: ${name} must be a non-negative number, got ${String(v)}`);
  return v;
}

export function checkMaxIter(op: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new LinAlgError(`${op}: maxIter must be a non-negative integer, got ${String(v)}`);
  return v;
}

function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * Minimises fn by x <- x - learningRate * grad(x) from x0. Stops when the gradient or the step is
 * small (converged), at maxIter (converged: false), or when onStep returns false.
 */
export function gradientDescent(
  fn: (x: Float64Array) => number,
  grad: (x: Float64Array) => ArrayLike<number>,
  x0: VectorLike,
  options: GradientDescentOptions = {},
): GradientDescentResult {
  const op = 'gradientDescent';
  if (typeof fn !== 'function' || typeof grad !== 'function') throw new TypeError(`${op}: fn and grad must be functions`);
  const lr = checkPositive(op, 'learningRate', options.learningRate ?? 0.01);
  const maxIter = checkMaxIter(op, options.maxIter ?? 1000);
  const tol = checkNonNegative(op, 'tol', options.tol ?? 1e-8);
  const x = Float64Array.from(toVector(x0, op, 'x0'));
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw new NonFiniteError(`${op}: x0[${i}] is ${x[i]}`);
  let value = fn(x);
  if (!Number.isFinite(value)) throw new NonFiniteError(`${op}: fn(x0) is ${value}`);
  const values = [value];
  for (let it = 1; it <= maxIter; it++) {
    const g = grad(x);
    if (g.length !== x.length) throw new ShapeError(`${op}: grad returned ${g.length} entries, x has ${x.length}`);
    const gn = norm2(g);
    if (!Number.isFinite(gn)) throw new ConvergenceError(`${op}: the gradient is not finite at iteration ${it} (norm ${gn}); the descent diverged`);
    if (gn <= tol) return { x, value, iterations: it - 1, converged: true, values };
    for (let i = 0; i < x.length; i++) x[i] -= lr * g[i];
    value = fn(x);
    if (!Number.isFinite(value)) {
      throw new ConvergenceError(`${op}: fn is ${value} after step ${it} (learningRate ${lr} too large?); the descent diverged`);
    }
    values.push(value);
    const stop = options.onStep?.({ iteration: it, x, value, gradientNorm: gn }) === false;
    if (lr * gn <= tol) return { x, value, iterations: it, converged: true, values };
    if (stop) return { x, value, iterations: it, converged: false, values };
  }
  return { x, value, iterations: maxIter, converged: false, values };
}

export interface NewtonOptions {
  /** Stop when the step |f(x) / f'(x)| is at most tol · max(1, |x|) (default 1e-10). */
  tol?: number;
  /** Iteration cap (default 100). */
  maxIter?: number;
}

export interface NewtonResult {
  /** The last iterate. */
  root: number;
  /** f(root). */
  value: number;
  iterations: number;
  converged: boolean;
  /** x0 and every iterate after it (length iterations + 1). */
  history: number[];
}

/**
 * Scalar Newton-Raphson x <- x - f(x) / f'(x) from x0 (the course's newtonRaphson, with a cap).
 * A zero derivative or a non-finite iterate throws ConvergenceError naming the iteration.
 */
export function newton(f: (x: number) => number, df: (x: number) => number, x0: number, options: NewtonOptions = {}): NewtonResult {
  const op = 'newton';
  if (typeof f !== 'function' || typeof df !== 'function') throw new TypeError(`${op}: f and df must be functions`);
  if (typeof x0 !== 'number') throw new TypeError(`${op}: x0 must be a number, got ${typeof x0}`);
  if (!Number.isFinite(x0)) throw new NonFiniteError(`${op}: x0 is ${x0}`);
  const tol = checkNonNegative(op, 'tol', options.tol ?? 1e-10);
  const maxIter = checkMaxIter(op, options.maxIter ?? 100);
  let x = x0;
  const history = [x];
  let fx = f(x);
  for (let it = 1; it <= maxIter; it++) {
    if (fx === 0) return { root: x, value: fx, iterations: it - 1, converged: true, history };
    const d = df(x);
    if (!Number.isFinite(fx) || !Number.isFinite(d)) throw new ConvergenceError(`${op}: f(x) = ${fx}, f'(x) = ${d} at x = ${x} (iteration ${it})`);
    if (d === 0) throw new ConvergenceError(`${op}: f'(x) is zero at x = ${x} (iteration ${it}): no Newton step`);
    const step = fx / d;
    x -= step;
    if (!Number.isFinite(x)) throw new ConvergenceError(`${op}: the iterate became ${x} at iteration ${it}; Newton diverged`);
    history.push(x);
    fx = f(x);
    if (Math.abs(step) <= tol * Math.max(1, Math.abs(x))) {
      if (!Number.isFinite(fx)) throw new ConvergenceError(`${op}: f(x) = ${fx} at the last iterate x = ${x}`);
      return { root: x, value: fx, iterations: it, converged: true, history };
    }
  }
  return { root: x, value: fx, iterations: maxIter, converged: false, history };
}
