// MVC-1 "Sandpit", the course's ungraded labs: a phone lies at the deepest point of a 6 m x 6 m
// sandpit; probe the depth and step by a rule until within 0.15 m of it, at most 25 probes.
// Depth is rescaled to -9 ... -1, and the rules see its Jacobian and Hessian by central differences.

import { SingularMatrixError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { solve } from '../../linalg/solve.js';

export type Surface = (x: number, y: number) => number;

/** The first course surface: a bowl towards (4.1, 0.9) with a deep Gaussian pit near (1.5, 3.7). */
export const courseSurface: Surface = (x, y) => -((x - 4.1) ** 2 + (y - 0.9) ** 2) - 30 * Math.exp(-((x - 1.5) ** 2 + (y - 3.7) ** 2) / 2.8);

export const SIZE = 6;
export const FOUND_RADIUS = 0.15;
export const MAX_PROBES = 25;
export const H = 0.01;

export interface Extremum {
  x: [number, number];
  f: number;
}

/** Newton on the gradient by central differences (h = 1e-4) from a grid point: a few steps suffice. */
function refine(f: Surface, start: [number, number]): [number, number] {
  let [x, y] = start;
  for (let it = 0; it < 20; it++) {
    const { J, Hm } = derivatives(f, x, y, 1e-4);
    let step: Float64Array;
    try {
      step = solve(Hm, J);
    } catch (error) {
      if (error instanceof SingularMatrixError) break;
      throw error;
    }
    x -= step[0];
    y -= step[1];
    if (Math.hypot(step[0], step[1]) < 1e-12) break;
  }
  return [x, y];
}

/** Global minimum and maximum on [0, 6]^2: a 601 x 601 grid, then Newton refinement of the best points. */
export function extrema(f: Surface, n = 601): { min: Extremum; max: Extremum } {
  let lo = { v: Infinity, x: 0, y: 0 };
  let hi = { v: -Infinity, x: 0, y: 0 };
  for (let i = 0; i < n; i++) {
    const x = (SIZE * i) / (n - 1);
    for (let j = 0; j < n; j++) {
      const y = (SIZE * j) / (n - 1);
      const v = f(x, y);
      if (v < lo.v) lo = { v, x, y };
      if (v > hi.v) hi = { v, x, y };
    }
  }
  const at = (p: { x: number; y: number }): Extremum => {
    const [x, y] = refine(f, [p.x, p.y]);
    // Keep the grid point if refinement left the box or did not improve (an extremum on the edge).
    const inside = x >= 0 && x <= SIZE && y >= 0 && y <= SIZE;
    return inside ? { x: [x, y], f: f(x, y) } : { x: [p.x, p.y], f: f(p.x, p.y) };
  };
  const min = at(lo);
  const max = at(hi);
  return { min: min.f <= lo.v ? min : { x: [lo.x, lo.y], f: lo.v }, max: max.f >= hi.v ? max : { x: [hi.x, hi.y], f: hi.v } };
}

/** The course's depth scale: 8 (f - f1)/(f1 - f0) - 1, from -9 at the minimum to -1 at the maximum. */
export function rescaled(f: Surface, f0: number, f1: number): Surface {
  return (x, y) => (8 * (f(x, y) - f1)) / (f1 - f0) - 1;
}

/** J (length 2) and H (2x2) by central differences with step h. */
export function derivatives(f: Surface, x: number, y: number, h = H): { J: Float64Array; Hm: Matrix } {
  const fxp = f(x + h, y);
  const fxm = f(x - h, y);
  const fyp = f(x, y + h);
  const fym = f(x, y - h);
  const f00 = f(x, y);
  const J = Float64Array.of((fxp - fxm) / (2 * h), (fyp - fym) / (2 * h));
  const fxx = (fxp - 2 * f00 + fxm) / (h * h);
  const fyy = (fyp - 2 * f00 + fym) / (h * h);
  const fxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h * h);
  return { J, Hm: Matrix.from([[fxx, fxy], [fxy, fyy]]) };
}

export type StepRule = 'fixed' | 'steepest' | 'newton' | 'hybrid';
export const STEP_RULES: StepRule[] = ['fixed', 'steepest', 'newton', 'hybrid'];

/** -H^-1 J, or null when H is singular. */
function newtonStep(J: Float64Array, Hm: Matrix): Float64Array | null {
  try {
    return solve(Hm, J).map((v) => -v);
  } catch (error) {
    if (error instanceof SingularMatrixError) return null;
    throw error;
  }
}

/** The step a rule takes at (x, y) on the rescaled surface. */
export function ruleStep(rule: StepRule, g: Surface, x: number, y: number): Float64Array {
  if (rule === 'fixed') return Float64Array.of(1, 0);
  const { J, Hm } = derivatives(g, x, y);
  const gradient = J.map((v) => -0.5 * v);
  if (rule === 'steepest') return gradient;
  const newton = newtonStep(J, Hm);
  if (rule === 'newton') return newton ?? Float64Array.of(NaN, NaN);
  // Hybrid: Newton unless it points uphill (step . (-J) <= 0), is longer than 2, or does not exist.
  if (newton === null) return gradient;
  const downhill = -(newton[0] * J[0] + newton[1] * J[1]) > 0;
  return downhill && Math.hypot(newton[0], newton[1]) <= 2 ? newton : gradient;
}

export type Outcome = 'found' | 'left' | 'steps';

export interface SandpitRun {
  outcome: Outcome;
  /** Steps taken (probes after the first). */
  steps: number;
  /** Probed points, the start first. */
  path: [number, number][];
}

/**
 * Probe at the start, then step by the rule and probe again, until within 0.15 of the phone
 * ('found'), outside the sandpit ('left'), or 25 probes ('steps'). A rule that produces no step
 * (a singular Hessian for pure Newton) counts as leaving: the probe has nowhere to go.
 */
export function sandpitRun(rule: StepRule, g: Surface, phone: [number, number], start: [number, number]): SandpitRun {
  let [x, y] = start;
  const path: [number, number][] = [[x, y]];
  const found = (): boolean => Math.hypot(x - phone[0], y - phone[1]) <= FOUND_RADIUS;
  if (found()) return { outcome: 'found', steps: 0, path };
  for (let steps = 1; path.length < MAX_PROBES; steps++) {
    const s = ruleStep(rule, g, x, y);
    x += s[0];
    y += s[1];
    const inside = x >= 0 && x <= SIZE && y >= 0 && y <= SIZE;
    if (Number.isFinite(x) && Number.isFinite(y)) path.push([x, y]);
    if (!inside) return { outcome: 'left', steps, path };
    if (found()) return { outcome: 'found', steps, path };
  }
  return { outcome: 'steps', steps: path.length - 1, path };
}
