// MVC-3 "Newton-Raphson", the course's practice: a fixed number of Newton updates with no early
// stop (IEEE values propagate, as in the notebook), the derivative-free secant method the course
// then calls (scipy.optimize.newton without fprime, in its classic form), and the course's sextic.

import { NonFiniteError } from '../../core/errors.js';

export interface NewtonTable {
  /** x[0] = x0, x[k+1] = x[k] - f(x[k]) / f'(x[k]). */
  x: Float64Array;
  /** f at each x. */
  fx: Float64Array;
}

/** Exactly `steps` Newton updates from x0: steps + 1 rows, the start first. */
export function newtonRaphson(f: (x: number) => number, df: (x: number) => number, x0: number, steps = 20): NewtonTable {
  if (typeof f !== 'function' || typeof df !== 'function') throw new TypeError('newtonRaphson: f and df must be functions');
  if (!Number.isFinite(x0)) throw new NonFiniteError(`newtonRaphson: x0 is ${x0}`);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`newtonRaphson: steps must be a non-negative integer, got ${String(steps)}`);
  const x = new Float64Array(steps + 1);
  const fx = new Float64Array(steps + 1);
  x[0] = x0;
  fx[0] = f(x0);
  for (let k = 0; k < steps; k++) {
    x[k + 1] = x[k] - fx[k] / df(x[k]);
    fx[k + 1] = f(x[k + 1]);
  }
  return { x, fx };
}

export interface SecantResult {
  converged: boolean;
  /** The root when converged, else the last iterate. */
  root: number;
  iterations: number;
}

/**
 * The secant method as scipy.optimize.newton without a derivative: x1 = x0 (1 + 1e-4) +- 1e-4
 * (- when x0 < 0), stop when |dx| < tol, at most maxIter iterations. Equal function values at the
 * two points return their midpoint, as scipy does. No convergence is reported, not thrown.
 */
export function secant(f: (x: number) => number, x0: number, tol = 1.48e-8, maxIter = 50): SecantResult {
  if (!Number.isFinite(x0)) throw new NonFiniteError(`secant: x0 is ${x0}`);
  let p0 = x0;
  let p1 = x0 * (1 + 1e-4) + (x0 >= 0 ? 1e-4 : -1e-4);
  let q0 = f(p0);
  let q1 = f(p1);
  for (let it = 1; it <= maxIter; it++) {
    // scipy returns the midpoint (with a warning unless the points coincide): only a coincidence counts.
    if (q1 === q0) return { converged: p1 === p0, root: (p1 + p0) / 2, iterations: it };
    const p = p1 - (q1 * (p1 - p0)) / (q1 - q0);
    if (!Number.isFinite(p)) return { converged: false, root: p, iterations: it };
    if (Math.abs(p - p1) < tol) return { converged: true, root: p, iterations: it };
    p0 = p1;
    q0 = q1;
    p1 = p;
    q1 = f(p1);
  }
  return { converged: false, root: p1, iterations: maxIter };
}

/** The course's sextic f = x^6/6 - 3x^4 - 2x^3/3 + 27x^2/2 + 18x - 30. */
export function coursePolynomial(x: number): number {
  return x ** 6 / 6 - 3 * x ** 4 - (2 * x ** 3) / 3 + (27 * x ** 2) / 2 + 18 * x - 30;
}

/** Its derivative x^5 - 12x^3 - 2x^2 + 27x + 18. */
export function coursePolynomialDerivative(x: number): number {
  return x ** 5 - 12 * x ** 3 - 2 * x ** 2 + 27 * x + 18;
}

/** The sextic's coefficients, highest power first. */
export const COURSE_POLYNOMIAL = [1 / 6, 0, -3, -2 / 3, 27 / 2, 18, -30];
