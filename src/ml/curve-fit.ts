// Non-linear least squares: fit the parameters p of y ≈ f(x, p) (scipy.optimize.curve_fit's job)
// by Levenberg-Marquardt (default), Gauss-Newton or steepest descent (MVC-4's method).
//
// cost = ½ Σ (y_i - f(x_i, p))² (scipy.optimize.least_squares' convention; the course's χ² is twice it).
// Steps are least-squares solutions through the engine's factorizations, never an explicit inverse:
// - Levenberg-Marquardt with Marquardt's scaling: (JᵀJ + λ D²) δ = Jᵀ r with D² = diag(JᵀJ) (the
//   largest seen so far, as MINPACK), solved as the least-squares problem [J; √λ D] δ ≈ [r; 0] by
//   Householder QR (forming JᵀJ would square the condition number). λ follows Nielsen's rule from
//   the gain ratio (actual / predicted reduction).
// - Gauss-Newton: J δ ≈ r by lstsq (minimum norm when J is rank deficient), halving δ until the
//   cost goes down.
// - steepest descent: δ = t Jᵀ r; with a fixed learningRate t as the course's "aggression",
//   otherwise a backtracking (Armijo) line search.
// The Jacobian is the model's own (df) when given, else central differences.

import { ConvergenceError, LinAlgError, NonFiniteError, ShapeError, SingularMatrixError } from '../core/errors.js';
import { Matrix, toVector, type VectorLike } from '../core/matrix.js';
import { lstsq } from '../linalg/least-squares.js';
import { matvec } from '../linalg/products.js';
import { qr } from '../linalg/qr.js';
import { solveTriangular } from '../linalg/triangular.js';
import { checkMaxIter } from './optimize.js';

/** f(x, p): the model's value at one x. */
export type ModelFunction = (x: number, p: Float64Array) => number;

/** A model with its gradient in p (one row of the Jacobian): ∂f(x, p)/∂p_j. */
export interface ModelWithGradient {
  f: ModelFunction;
  df?: (x: number, p: Float64Array) => ArrayLike<number>;
}

export type CurveFitMethod = 'levenberg-marquardt' | 'gauss-newton' | 'steepest-descent';

export interface CurveFitOptions {
  /** Default 'levenberg-marquardt'. */
  method?: CurveFitMethod;
  /** Iteration cap (Jacobian evaluations); default 200, 20000 for steepest descent. */
  maxIter?: number;
  /** Stop when an accepted step lowers the cost by at most ftol relative (default 1e-12). */
  ftol?: number;
  /** Stop when ‖δ‖ <= xtol (‖p‖ + xtol) (default 1e-10). */
  xtol?: number;
  /** Stop when ‖Jᵀ r‖∞ <= gtol (default 0: off). */
  gtol?: number;
  /** Steepest descent only: fixed step size t in p += t Jᵀ r; without it, a line search. */
  learningRate?: number;
  /** Levenberg-Marquardt only: initial damping λ (default 1e-3). */
  lambda?: number;
}

export interface CurveFitResult {
  parameters: Float64Array;
  /** ½ Σ r_i² at the parameters. */
  cost: number;
  /** y - f(x, parameters). */
  residuals: Float64Array;
  /** Iterations taken (Jacobian evaluations). */
  iterations: number;
  /** Model evaluations over all x (Jacobians by differences not counted). */
  evaluations: number;
  converged: boolean;
  method: CurveFitMethod;
  /** Cost at p0 and after each iteration. */
  costs: number[];
  /** Which test stopped it. */
  message: string;
}

interface Problem {
  f: ModelFunction;
  df?: (x: number, p: Float64Array) => ArrayLike<number>;
  xs: Float64Array;
  ys: Float64Array;
  n: number;
}

/** Residuals y - f(x, p) into out; returns ½‖r‖² (NaN or Infinity when the model is not finite there). */
function residualsAt(pr: Problem, p: Float64Array, out: Float64Array): number {
  let s = 0;
  for (let i = 0; i < pr.xs.length; i++) {
    const r = pr.ys[i] - pr.f(pr.xs[i], p);
    out[i] = r;
    s += r * r;
  }
  return s / 2;
}

/** Jacobian of the model (m x n): analytic, or central differences with h ~ eps^(1/3) max(|p_j|, 1). */
function jacobianAt(op: string, pr: Problem, p: Float64Array): Matrix {
  const m = pr.xs.length;
  const n = pr.n;
  const J = new Matrix(m, n);
  if (pr.df) {
    for (let i = 0; i < m; i++) {
      const g = pr.df(pr.xs[i], p);
      if (g.length !== n) throw new ShapeError(`${op}: the model's df returned ${g.length} entries for ${n} parameters`);
      for (let j = 0; j < n; j++) J.data[i * n + j] = g[j];
    }
  } else {
    const q = Float64Array.from(p);
    for (let j = 0; j < n; j++) {
      const h = 6.055454452393343e-6 * Math.max(Math.abs(p[j]), 1); // eps^(1/3)
      q[j] = p[j] + h;
      const hp = q[j] - p[j]; // the step actually taken
      q[j] = p[j] - h;
      const hm = p[j] - q[j];
      for (let i = 0; i < m; i++) {
        q[j] = p[j] + hp;
        const fp = pr.f(pr.xs[i], q);
        q[j] = p[j] - hm;
        const fm = pr.f(pr.xs[i], q);
        J.data[i * n + j] = (fp - fm) / (hp + hm);
      }
      q[j] = p[j];
    }
  }
  for (let t = 0; t < J.data.length; t++) {
    if (!Number.isFinite(J.data[t])) {
      throw new NonFiniteError(`${op}: the Jacobian (${m}x${n}) has ${J.data[t]} at (${Math.floor(t / n)}, ${t % n}) for parameters [${Array.from(p).join(', ')}]`);
    }
  }
  return J;
}

function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Jᵀ r: the negative gradient of the cost. */
function jtr(J: Matrix, r: Float64Array): Float64Array {
  return matvec(J, r, { transA: true });
}

/** min ‖[J; √λ D] δ - [r; 0]‖ by Householder QR: R δ = (Qᵀ b)[0:n]. */
function dampedStep(J: Matrix, r: Float64Array, lambda: number, d: Float64Array): Float64Array {
  const { rows: m, cols: n } = J;
  const A = new Matrix(m + n, n);
  A.data.set(J.data);
  const s = Math.sqrt(lambda);
  for (let j = 0; j < n; j++) A.data[(m + j) * n + j] = s * d[j];
  const b = new Float64Array(m + n);
  b.set(r);
  const { Q, R } = qr(A);
  return solveTriangular(R, matvec(Q, b, { transA: true }));
}

function checkTol(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0)) throw new LinAlgError(`${op}: ${name} must be a non-negative number, got ${String(v)}`);
  return v;
}

/**
 * Least-squares fit of `model` to the points (x_i, y_i) from the start p0.
 * Shapes or values that do not fit throw ShapeError / NonFiniteError; a model that is not finite at
 * p0 throws NonFiniteError; trial points where it is not finite are rejected (smaller steps);
 * a fixed-step steepest descent whose cost becomes non-finite throws ConvergenceError.
 */
export function curveFit(
  model: ModelFunction | ModelWithGradient,
  x: VectorLike,
  y: VectorLike,
  p0: VectorLike,
  options: CurveFitOptions = {},
): CurveFitResult {
  const op = 'curveFit';
  const method = options.method ?? 'levenberg-marquardt';
  if (method !== 'levenberg-marquardt' && method !== 'gauss-newton' && method !== 'steepest-descent') {
    throw new TypeError(`${op}: method must be 'levenberg-marquardt', 'gauss-newton' or 'steepest-descent', got ${JSON.stringify(method)}`);
  }
  const f = typeof model === 'function' ? model : model?.f;
  const df = typeof model === 'function' ? undefined : model?.df;
  if (typeof f !== 'function') throw new TypeError(`${op}: model must be a function f(x, p) or { f, df? }`);
  const xs = toVector(x, op, 'x');
  const ys = toVector(y, op, 'y');
  const p = Float64Array.from(toVector(p0, op, 'p0'));
  if (xs.length !== ys.length) throw new ShapeError(`${op}: x has length ${xs.length} but y has length ${ys.length}`);
  if (p.length === 0) throw new ShapeError(`${op}: p0 is empty`);
  for (const [name, v] of [['x', xs], ['y', ys], ['p0', p]] as const) {
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) throw new NonFiniteError(`${op}: ${name} (length ${v.length}) has ${v[i]} at [${i}]`);
  }
  const maxIter = checkMaxIter(op, options.maxIter ?? (method === 'steepest-descent' ? 20000 : 200));
  const ftol = checkTol(op, 'ftol', options.ftol ?? 1e-12);
  const xtol = checkTol(op, 'xtol', options.xtol ?? 1e-10);
  const gtol = checkTol(op, 'gtol', options.gtol ?? 0);
  const pr: Problem = { f, df, xs, ys, n: p.length };
  const m = xs.length;
  let r = new Float64Array(m);
  let cost = residualsAt(pr, p, r);
  let evaluations = 1;
  if (!Number.isFinite(cost)) throw new NonFiniteError(`${op}: the model is not finite at p0 = [${Array.from(p).join(', ')}] (cost ${cost})`);
  const costs = [cost];
  let trialR = new Float64Array(m);
  const trial = new Float64Array(p.length);
  const done = (iterations: number, converged: boolean, message: string): CurveFitResult => ({
    parameters: p, cost, residuals: r, iterations, evaluations, converged, method, costs, message,
  });
  const smallStep = (delta: ArrayLike<number>) => norm2(delta) <= xtol * (norm2(p) + xtol);
  /** Evaluates p + scale·delta into trial / trialR; returns its cost. */
  const tryStep = (delta: ArrayLike<number>, scale: number): number => {
    for (let j = 0; j < p.length; j++) trial[j] = p[j] + scale * delta[j];
    evaluations++;
    return residualsAt(pr, trial, trialR);
  };
  const accept = (newCost: number): number => {
    const old = cost;
    p.set(trial);
    [r, trialR] = [trialR, r];
    cost = newCost;
    costs.push(cost);
    return old;
  };

  // Levenberg-Marquardt state.
  let lambda = checkTol(op, 'lambda', options.lambda ?? 1e-3);
  let nu = 2;
  const dScale = new Float64Array(p.length);
  // Steepest-descent state.
  const fixedRate = options.learningRate;
  if (fixedRate !== undefined && !(typeof fixedRate === 'number' && fixedRate > 0 && Number.isFinite(fixedRate))) {
    throw new LinAlgError(`${op}: learningRate must be a positive finite number, got ${String(fixedRate)}`);
  }
  let t = 0;

  for (let it = 1; it <= maxIter; it++) {
    if (cost === 0) return done(it - 1, true, 'zero residual');
    const J = jacobianAt(op, pr, p);
    const g = jtr(J, r);
    let gInf = 0;
    for (let j = 0; j < g.length; j++) gInf = Math.max(gInf, Math.abs(g[j]));
    if (gInf <= gtol) return done(it - 1, true, `gradient ‖Jᵀr‖∞ = ${gInf} <= gtol`);

    if (method === 'levenberg-marquardt') {
      for (let j = 0; j < p.length; j++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += J.data[i * p.length + j] ** 2;
        dScale[j] = Math.max(dScale[j], Math.sqrt(s), 1e-150);
      }
      // Inner loop: raise λ until a step lowers the cost (one iteration = one Jacobian).
      for (;;) {
        let delta: Float64Array;
        try {
          delta = dampedStep(J, r, lambda, dScale);
        } catch (error) {
          // Only reachable with λ = 0 and a rank-deficient J: damp and retry.
          if (!(error instanceof SingularMatrixError)) throw error;
          lambda = Math.max(lambda * nu, 1e-12);
          nu *= 2;
          continue;
        }
        // Predicted reduction of the linear model: ½(‖r‖² - ‖r - Jδ‖²) = δᵀ(Jᵀr) - ½‖Jδ‖².
        const Jd = matvec(J, delta);
        let predicted = 0;
        for (let j = 0; j < p.length; j++) predicted += delta[j] * g[j];
        predicted -= norm2(Jd) ** 2 / 2;
        const newCost = tryStep(delta, 1);
        const rho = Number.isFinite(newCost) && predicted > 0 ? (cost - newCost) / predicted : -1;
        if (rho > 0) {
          const old = accept(newCost);
          lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
          nu = 2;
          if (smallStep(delta)) return done(it, true, 'step ‖δ‖ below xtol');
          if (old - cost <= ftol * old) return done(it, true, 'relative cost reduction below ftol');
          break;
        }
        if (smallStep(delta)) return done(it, true, 'step ‖δ‖ below xtol (no further decrease)');
        lambda = Math.max(lambda * nu, 1e-12); // a start at λ = 0 must still be able to damp
        nu *= 2;
        if (!Number.isFinite(lambda) || lambda > 1e300) return done(it, false, 'damping overflowed without a decrease');
      }
    } else if (method === 'gauss-newton') {
      const delta = lstsq(J, r).x;
      let scale = 1;
      let newCost = tryStep(delta, scale);
      for (let halvings = 0; !(newCost < cost) && halvings < 40; halvings++) {
        scale /= 2;
        newCost = tryStep(delta, scale);
      }
      if (!(newCost < cost)) {
        if (smallStep(delta)) return done(it, true, 'step ‖δ‖ below xtol');
        // The full step predicts a reduction of ‖J δ‖²/2. At the minimum that is at the rounding
        // level of the cost itself, and no step can lower the computed cost: converged (which
        // stopping test fires first there depends on the last bits of lstsq).
        const predicted = norm2(matvec(J, delta)) ** 2 / 2;
        if (predicted <= 16 * Number.EPSILON * cost) return done(it, true, 'predicted reduction at the rounding level of the cost');
        return done(it, false, 'no decrease along the Gauss-Newton step');
      }
      const old = accept(newCost);
      if (smallStep(delta.map((v) => v * scale))) return done(it, true, 'step ‖δ‖ below xtol');
      if (old - cost <= ftol * old) return done(it, true, 'relative cost reduction below ftol');
    } else {
      const gg = norm2(g) ** 2;
      if (fixedRate !== undefined) {
        const newCost = tryStep(g, fixedRate);
        if (!Number.isFinite(newCost)) {
          throw new ConvergenceError(`${op}: steepest descent diverged at iteration ${it}: cost ${newCost} (learningRate ${fixedRate} too large?)`);
        }
        const old = accept(newCost);
        if (smallStep(g.map((v) => v * fixedRate))) return done(it, true, 'step below xtol');
        if (Math.abs(old - cost) <= ftol * old) return done(it, true, 'relative cost change below ftol');
      } else {
        // Armijo backtracking from twice the last accepted step (the first: unit length).
        t = t === 0 ? 1 / Math.sqrt(gg) : 2 * t;
        let newCost = tryStep(g, t);
        let tries = 0;
        while (!(newCost <= cost - 1e-4 * t * gg) && tries++ < 60) {
          t /= 2;
          newCost = tryStep(g, t);
        }
        if (!(newCost <= cost - 1e-4 * t * gg)) {
          const ok = smallStep(g.map((v) => v * t));
          return done(it, ok, ok ? 'step below xtol' : 'line search found no decrease');
        }
        const old = accept(newCost);
        if (smallStep(g.map((v) => v * t))) return done(it, true, 'step below xtol');
        if (old - cost <= ftol * old) return done(it, true, 'relative cost reduction below ftol');
      }
    }
  }
  return done(maxIter, false, `iteration cap ${maxIter} reached`);
}
