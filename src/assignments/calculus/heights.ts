// MVC-4 "Fitting the distribution of heights", the course's version: the Gaussian model, its
// partial derivatives, and one steepest-descent step on chi^2 = sum (y - f)^2 over the 100 bins.

import { assertFiniteVector } from '../../core/checks.js';
import { ConvergenceError, NonFiniteError, NotPositiveDefiniteError, ShapeError } from '../../core/errors.js';
import { toVector, type VectorLike } from '../../core/matrix.js';
import { heightsData as heightsHistogram } from '../../data/course.js';

/** The course's histogram as a density: bin centres (left edge + 1.25) and frequency/(sum freq * width). */
export function heightsData(): { x: Float64Array; y: Float64Array } {
  const { binLeftEdges, frequencies, binWidth } = heightsHistogram;
  const total = frequencies.reduce((a, b) => a + b, 0) * binWidth;
  return {
    x: Float64Array.from(binLeftEdges, (e) => e + binWidth / 2),
    y: Float64Array.from(frequencies, (v) => v / total),
  };
}

/**
 * mu and sig checked: finite, and sig > 0. A non-positive sigma is reported as
 * NotPositiveDefiniteError: sig^2 is the (1x1) covariance of the model, which must be positive.
 */
function checkParameters(op: string, mu: number, sig: number): void {
  if (typeof mu !== 'number' || typeof sig !== 'number') throw new TypeError(`${op}: mu and sig must be numbers`);
  if (!Number.isFinite(mu) || !Number.isFinite(sig)) throw new NonFiniteError(`${op}: mu = ${mu}, sig = ${sig}`);
  if (!(sig > 0)) throw new NotPositiveDefiniteError(`${op}: sig must be > 0 (the variance sig^2 of N(mu, sig)), got ${sig}`);
}

type Elementwise = {
  (x: number, mu: number, sig: number): number;
  (x: VectorLike, mu: number, sig: number): Float64Array;
};

function gaussianTerm(op: string, fn: (x: number, mu: number, sig: number) => number): Elementwise {
  return ((x: number | VectorLike, mu: number, sig: number) => {
    checkParameters(op, mu, sig);
    if (typeof x === 'number') return fn(x, mu, sig);
    return toVector(x, op).map((v) => fn(v, mu, sig));
  }) as Elementwise;
}

const gauss = (x: number, mu: number, sig: number): number => Math.exp(-((x - mu) ** 2) / (2 * sig * sig)) / (sig * Math.sqrt(2 * Math.PI));

/** The normal density exp(-(x - mu)^2 / (2 sig^2)) / (sig sqrt(2 pi)), elementwise. */
export const f = gaussianTerm('f', gauss);

/** df/dmu = f (x - mu) / sig^2, elementwise. */
export const dfdmu = gaussianTerm('dfdmu', (x, mu, sig) => (gauss(x, mu, sig) * (x - mu)) / (sig * sig));

/** df/dsig = f (-1/sig + (x - mu)^2 / sig^3), elementwise. */
export const dfdsig = gaussianTerm('dfdsig', (x, mu, sig) => gauss(x, mu, sig) * (-1 / sig + (x - mu) ** 2 / sig ** 3));

function checkData(op: string, x: VectorLike, y: VectorLike): { x: Float64Array; y: Float64Array } {
  const X = toVector(x, op, 'x');
  const Y = toVector(y, op, 'y');
  if (X.length !== Y.length || X.length === 0) throw new ShapeError(`${op}: x and y must have the same non-zero length, got ${X.length} and ${Y.length}`);
  assertFiniteVector(op, 'x', X);
  assertFiniteVector(op, 'y', Y);
  return { x: X, y: Y };
}

/** chi^2 = sum (y - f(x; mu, sig))^2. */
export function chiSquared(x: VectorLike, y: VectorLike, mu: number, sig: number): number {
  const d = checkData('chiSquared', x, y);
  checkParameters('chiSquared', mu, sig);
  let s = 0;
  for (let i = 0; i < d.x.length; i++) s += (d.y[i] - gauss(d.x[i], mu, sig)) ** 2;
  return s;
}

/** The gradient of chi^2: [-2 (y - f) . df/dmu, -2 (y - f) . df/dsig]. */
export function chiSquaredGradient(x: VectorLike, y: VectorLike, mu: number, sig: number): Float64Array {
  const d = checkData('chiSquaredGradient', x, y);
  checkParameters('chiSquaredGradient', mu, sig);
  let jMu = 0;
  let jSig = 0;
  for (let i = 0; i < d.x.length; i++) {
    const fx = gauss(d.x[i], mu, sig);
    const u = d.x[i] - mu;
    const r = d.y[i] - fx;
    jMu += -2 * r * ((fx * u) / (sig * sig));
    jSig += -2 * r * (fx * (-1 / sig + (u * u) / sig ** 3));
  }
  return Float64Array.of(jMu, jSig);
}

/** The course's steepest step [dmu, dsig] = -aggression J. */
export function steepestStep(x: VectorLike, y: VectorLike, mu: number, sig: number, aggression: number): Float64Array {
  if (!Number.isFinite(aggression)) throw new NonFiniteError(`steepestStep: aggression is ${aggression}`);
  return chiSquaredGradient(x, y, mu, sig).map((j) => -aggression * j);
}

export interface DescentState {
  mu: number;
  sig: number;
  chiSquared: number;
}

/**
 * The course's driver: `steps` steepest steps from (mu, sig), the whole path kept (path[0] is the
 * start). A step that makes sigma non-positive or chi^2 non-finite is divergence: ConvergenceError.
 */
export function heightsDescent(x: VectorLike, y: VectorLike, mu: number, sig: number, aggression: number, steps: number): DescentState[] {
  const d = checkData('heightsDescent', x, y);
  const path: DescentState[] = [{ mu, sig, chiSquared: chiSquared(d.x, d.y, mu, sig) }];
  for (let k = 1; k <= steps; k++) {
    const [dMu, dSig] = steepestStep(d.x, d.y, mu, sig, aggression);
    mu += dMu;
    sig += dSig;
    if (!(sig > 0) || !Number.isFinite(mu)) {
      throw new ConvergenceError(`heightsDescent: step ${k} (aggression ${aggression}) reached mu = ${mu}, sig = ${sig}: diverged`);
    }
    path.push({ mu, sig, chiSquared: chiSquared(d.x, d.y, mu, sig) });
  }
  return path;
}
