// Reference values of ../shared/ASSIGNMENTS.md, MVC-1 to MVC-4 (the calculus namespace), gradient
// checks of the backpropagation Jacobians by central differences, bad input, and quick reproduce runs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConvergenceError, Matrix, NonFiniteError, NotPositiveDefiniteError, ShapeError } from '../../src/index.js';
import { calculus as c, reproduce, assignmentNames } from '../../src/assignments/index.js';
import { PARAMETER_ORDER, checkNetwork, train, type Network } from '../../src/assignments/calculus/network.js';
import { chiSquared, heightsDescent } from '../../src/assignments/calculus/heights.js';
import { levenbergMarquardt } from '../../src/assignments/calculus/reproduce-heights.js';
import { COURSE_POLYNOMIAL, coursePolynomial, coursePolynomialDerivative, secant } from '../../src/assignments/calculus/newton-raphson.js';
import { STEP_RULES, courseSurface, derivatives, extrema, rescaled, ruleStep, sandpitRun } from '../../src/assignments/calculus/sandpit.js';
import { seededSurface } from '../../src/assignments/calculus/reproduce-sandpit.js';
import { companionRoots } from '../../src/assignments/calculus/reproduce-newton-raphson.js';
import { backpropInitData } from '../../src/data/course.js';
import { errorOf } from '../helpers.js';

const EIGHT_DECIMALS = 1e-7;
const FULL = 1e-10;

function relClose(actual: number, expected: number, rtol = FULL): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rtol * Math.abs(expected));
}

function allClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(atol);
}

describe('MVC-1 sandpit', () => {
  const { min, max } = extrema(courseSurface);
  const g = rescaled(courseSurface, min.f, max.f);

  it('the course surface: minimum and maximum on [0, 6]^2 (1e-4)', () => {
    allClose([...min.x, min.f], [1.21283, 4.00926, -46.15437], 1e-4);
    allClose([...max.x, max.f], [4.20325, 0.78881, -0.12997], 1e-4);
    // The rescaled depth runs from -9 at the phone to -1 at the highest point.
    expect(Math.abs(g(...min.x) + 9)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(g(...max.x) + 1)).toBeLessThanOrEqual(1e-12);
  });

  it('central differences with h = 0.01 match the exact derivatives of a quadratic', () => {
    const q = (x: number, y: number): number => 3 * x * x - 2 * x * y + y * y + x;
    const { J, Hm } = derivatives(q, 1, 2);
    allClose(J, [6 - 4 + 1, -2 + 4], 1e-10);
    allClose(Hm.data, [6, -2, -2, 2], 1e-8);
  });

  it('from (3, 3): fixed leaves, steepest and hybrid find the phone within 5 steps, Newton goes to the maximum', () => {
    const runs = Object.fromEntries(STEP_RULES.map((rule) => [rule, sandpitRun(rule, g, min.x, [3, 3])]));
    expect(runs.fixed.outcome).toBe('left');
    for (const rule of ['steepest', 'hybrid']) {
      expect(runs[rule].outcome).toBe('found');
      expect(runs[rule].steps).toBeLessThanOrEqual(5);
      const end = runs[rule].path[runs[rule].path.length - 1];
      expect(Math.hypot(end[0] - min.x[0], end[1] - min.x[1])).toBeLessThanOrEqual(0.15);
    }
    expect(runs.newton.outcome).toBe('steps');
    expect(runs.newton.path.length).toBe(25);
    const end = runs.newton.path[24];
    expect(Math.hypot(end[0] - max.x[0], end[1] - max.x[1])).toBeLessThan(1e-3);
  });

  it('hybrid: Newton where it points downhill and is short, else the gradient rule', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 5.8, noNaN: true }), fc.double({ min: 0.2, max: 5.8, noNaN: true }), (x, y) => {
        const { J } = derivatives(g, x, y);
        const hybrid = ruleStep('hybrid', g, x, y);
        const newton = ruleStep('newton', g, x, y);
        const steepest = ruleStep('steepest', g, x, y);
        const useNewton = -(newton[0] * J[0] + newton[1] * J[1]) > 0 && Math.hypot(newton[0], newton[1]) <= 2;
        expect(Array.from(hybrid)).toEqual(Array.from(useNewton ? newton : steepest));
        // The hybrid step never points uphill.
        expect(-(hybrid[0] * J[0] + hybrid[1] * J[1])).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  it('a seeded surface is reproducible and its phone lies inside the pit', () => {
    const a = seededSurface(42);
    const b = seededSurface(42);
    expect(a(1.5, 2.5)).toBe(b(1.5, 2.5));
    expect(seededSurface(43)(1.5, 2.5)).not.toBe(a(1.5, 2.5));
    const e = extrema(a);
    for (const v of [...e.min.x, ...e.max.x]) expect(v >= 0 && v <= 6).toBe(true);
    expect(e.min.f).toBeLessThan(e.max.f);
  });
});

describe('MVC-2 backpropagation', () => {
  const { x, y } = c.trainingData();

  it('trainingData: the course heart', () => {
    expect(x.shape).toEqual([1, 100]);
    expect(y.shape).toEqual([2, 100]);
    expect(Math.abs(x.get(0, 99) - 0.99)).toBeLessThanOrEqual(1e-12);
    allClose(y.col(0), [0.5, 0.625], 1e-12);
    allClose(y.col(25), [0.9, 0.6], 1e-12);
    allClose(y.col(50), [0.5, 0.075], 1e-12);
    allClose([Math.max(...y.row(0)), Math.max(...y.row(1))], [0.9, 0.797645207141], 1e-12);
    expect(c.trainingData(7).x.shape).toEqual([1, 7]);
    expect(() => c.trainingData(0)).toThrow(ShapeError);
  });

  it('sigma and dSigma: course values, types preserved, no overflow', () => {
    expect(c.dSigma(0)).toBe(0.25);
    expect(c.sigma(0)).toBe(0.5);
    for (const z of [-40, -5, -1, -1e-3, 0.3, 2, 17, 40]) {
      const s = c.sigma(z);
      expect(Math.abs(c.dSigma(z) - s * (1 - s))).toBeLessThanOrEqual(1e-15);
      relClose(s, 1 / (1 + Math.exp(-z)), 1e-15);
      relClose(c.dSigma(z), 1 / (4 * Math.cosh(z / 2) ** 2), 1e-14);
    }
    expect(c.sigma(-1000)).toBe(0);
    expect(c.sigma(1000)).toBe(1);
    expect(c.dSigma(1000)).toBe(0);
    const v = c.sigma(Float64Array.of(0, 1));
    expect(v).toBeInstanceOf(Float64Array);
    const m = c.dSigma(Matrix.from([[0, 1], [2, 3]]));
    expect(m).toBeInstanceOf(Matrix);
    expect(m.shape).toEqual([2, 2]);
    expect(m.get(0, 0)).toBe(0.25);
  });

  it('the course reference values with backprop-init.json', () => {
    relClose(c.cost(backpropInitData, x, y), 0.21517139898320883);
    const J = c.jacobians(backpropInitData, x, y);
    expect(J.J_b3.shape).toEqual([2, 1]);
    allClose(J.J_b3.data, [-0.095752124715, -0.07596685779], 1e-12);
    expect(J.J_W3.shape).toEqual([2, 7]);
    allClose(
      J.J_W3.data,
      [-0.05342442, -0.06332961, -0.04161094, -0.07011337, -0.04433978, -0.02775915, -0.04316578, -0.04259795, -0.05108363, -0.03328953, -0.05623445, -0.03424881, -0.02217506, -0.03306689],
      EIGHT_DECIMALS,
    );
    // Every Jacobian has its parameter's shape.
    const p = checkNetwork(backpropInitData, 'test');
    for (const key of PARAMETER_ORDER) expect(J[`J_${key}`].shape).toEqual(p[key].shape);
    const a = c.networkFunction(backpropInitData, x);
    expect(a.a3.shape).toEqual([2, 100]);
    expect(a.a1.shape).toEqual([6, 100]);
    // a_k = sigma(z_k) and z1 = W1 a0 + b1 (bias broadcast over columns).
    allClose(a.a2.data, c.sigma(a.z2).data, 0);
    allClose(a.z1.col(3), p.W1.col(0).map((w, i) => w * x.get(0, 3) + p.b1.get(i, 0)), 1e-15);
  });

  /** Central differences (eps = 1e-6) of the cost with respect to every parameter entry. */
  function numericJacobians(p: Network, X: Matrix, Y: Matrix): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = {};
    const eps = 1e-6;
    for (const key of PARAMETER_ORDER) {
      const g = new Float64Array(p[key].data.length);
      for (let t = 0; t < g.length; t++) {
        const at = (d: number): number => {
          const P = p[key].clone();
          P.data[t] += d;
          return c.cost({ ...p, [key]: P }, X, Y);
        };
        g[t] = (at(eps) - at(-eps)) / (2 * eps);
      }
      out[key] = g;
    }
    return out;
  }

  it('every Jacobian matches central differences (1e-8): course weights and seeded networks', () => {
    const cases: [Network, Matrix, Matrix][] = [
      [checkNetwork(backpropInitData, 'test'), x, y],
      [c.resetNetwork(6, 7, 3), x, y],
      [c.resetNetwork(3, 4, 11), c.trainingData(13).x, c.trainingData(13).y],
    ];
    for (const [p, X, Y] of cases) {
      const J = c.jacobians(p, X, Y);
      const num = numericJacobians(p, X, Y);
      for (const key of PARAMETER_ORDER) allClose(J[`J_${key}`].data, num[key], 1e-8);
    }
  });

  it('resetNetwork: shapes, seeded, normal/2 draws', () => {
    const p = c.resetNetwork();
    expect([p.W1.shape, p.W2.shape, p.W3.shape, p.b1.shape, p.b2.shape, p.b3.shape]).toEqual([[6, 1], [7, 6], [2, 7], [6, 1], [7, 1], [2, 1]]);
    const q = c.resetNetwork(6, 7, 42);
    expect(Array.from(c.resetNetwork(6, 7, 42).W2.data)).toEqual(Array.from(q.W2.data));
    expect(Array.from(c.resetNetwork(6, 7, 43).W2.data)).not.toEqual(Array.from(q.W2.data));
    const all = PARAMETER_ORDER.flatMap((k) => Array.from(c.resetNetwork(30, 30, 1)[k].data));
    const sd = Math.sqrt(all.reduce((s, v) => s + v * v, 0) / all.length);
    expect(sd).toBeGreaterThan(0.4);
    expect(sd).toBeLessThan(0.6);
  });

  it('deterministic descent: each of the first 10 steps lowers the cost; noisy runs are seeded', () => {
    const det = train(backpropInitData, x, y, { iterations: 10, aggression: 7 });
    for (let k = 1; k <= 10; k++) expect(det.costs[k]).toBeLessThan(det.costs[k - 1]);
    relClose(det.costs[0], 0.21517139898320883);
    // One update is P - 7 J.
    const one = train(backpropInitData, x, y, { iterations: 1, aggression: 7 }).params;
    const J = c.jacobians(backpropInitData, x, y);
    const p = checkNetwork(backpropInitData, 'test');
    for (const key of PARAMETER_ORDER) allClose(one[key].data, p[key].data.map((v, t) => v - 7 * J[`J_${key}`].data[t]), 1e-15);
    const a = train(backpropInitData, x, y, { iterations: 20, aggression: 7, noise: 1, seed: 5 });
    const b = train(backpropInitData, x, y, { iterations: 20, aggression: 7, noise: 1, seed: 5 });
    expect(Array.from(a.costs)).toEqual(Array.from(b.costs));
    expect(Array.from(a.costs)).not.toEqual(Array.from(det.costs.slice(0, 1)));
  });

  it('bad input: shapes that do not fit the network, NaN data, divergence', () => {
    const p = checkNetwork(backpropInitData, 'test');
    expect(errorOf(() => c.cost({ ...p, W2: Matrix.zeros(7, 5) }, x, y))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => c.jacobians({ ...p, b3: Matrix.zeros(3, 1) }, x, y)).message).toMatch(/b3 must be 2x1/);
    expect(errorOf(() => c.cost(p, x, Matrix.zeros(2, 99)))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => c.networkFunction(p, Matrix.zeros(2, 100)))).toBeInstanceOf(ShapeError);
    const bad = x.clone();
    bad.data[4] = NaN;
    expect(errorOf(() => c.cost(p, bad, y))).toBeInstanceOf(NonFiniteError);
    const badW = p.W1.clone();
    badW.data[0] = Infinity;
    expect(errorOf(() => c.jacobians({ ...p, W1: badW }, x, y))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => c.resetNetwork(0))).toBeInstanceOf(ShapeError);
    // A cost that overflows, and a step that overflows the weights: ConvergenceError, not NaN weights.
    expect(errorOf(() => train(p, x, y.scale(1e200), { iterations: 5 }))).toBeInstanceOf(ConvergenceError);
    expect(errorOf(() => train(p, x, y.scale(1e150), { iterations: 5, aggression: 1e200 })).message).toMatch(/overflowed at update 1/);
    // A huge but finite step only saturates the sigmoids: the run ends with finite weights.
    const saturated = train(p, x, y, { iterations: 5, aggression: 1e300 });
    for (const key of PARAMETER_ORDER) expect(saturated.params[key].data.every(Number.isFinite)).toBe(true);
    expect(errorOf(() => train(p, x, y, { iterations: 5, aggression: NaN }))).toBeInstanceOf(NonFiniteError);
  });
});

describe('MVC-4 heights', () => {
  const { x, y } = c.heightsData();

  it('heightsData: 100 bin centres and the course densities', () => {
    expect(x.length).toBe(100);
    expect(x[0]).toBe(51.25);
    expect(x[99]).toBe(298.75);
    const nonZero = Array.from(y.keys()).filter((i) => y[i] !== 0);
    expect(nonZero.length).toBe(16);
    expect([x[nonZero[0]], x[nonZero[15]]]).toEqual([161.25, 198.75]);
    allClose(
      nonZero.map((i) => y[i]),
      [0.0124623116, 0.0052261307, 0.0092462312, 0.0257286432, 0.0261306533, 0.0506532663, 0.0530653266, 0.0510552764, 0.0454271357, 0.0365829146, 0.0422110553, 0.0201005025, 0.0072361809, 0.0072361809, 0.0072361809, 0.0004020101],
      1e-10,
    );
    expect(Math.abs(y.reduce((a, b) => a + b, 0) * 2.5 - 1)).toBeLessThanOrEqual(1e-12);
  });

  it('f, dfdmu, dfdsig: course values; vectors elementwise', () => {
    expect(Math.abs(c.f(178, 175, 10) - 0.0381387815)).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(c.dfdmu(178, 175, 10) - 0.0011441634)).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(c.dfdsig(178, 175, 10) - -0.0034706291)).toBeLessThanOrEqual(1e-10);
    const v = c.f([170, 178], 175, 10);
    expect(v).toBeInstanceOf(Float64Array);
    expect(v[1]).toBe(c.f(178, 175, 10));
    // The partial derivatives against central differences.
    fc.assert(
      fc.property(fc.double({ min: 140, max: 210, noNaN: true }), fc.double({ min: 150, max: 200, noNaN: true }), fc.double({ min: 3, max: 30, noNaN: true }), (t, mu, sig) => {
        const h = 1e-5;
        expect(Math.abs(c.dfdmu(t, mu, sig) - (c.f(t, mu + h, sig) - c.f(t, mu - h, sig)) / (2 * h))).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(c.dfdsig(t, mu, sig) - (c.f(t, mu, sig + h) - c.f(t, mu, sig - h)) / (2 * h))).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('chi-squared, the gradient and the first descent step', () => {
    relClose(chiSquared(x, y, 160, 15), 0.012507536532326436);
    relClose(chiSquared(x, y, 155, 6), 0.03233332706185907);
    const J = c.steepestStep(x, y, 155, 6, -1);
    relClose(J[0], -0.0004630331756624136);
    relClose(J[1], -0.0036594348132057263);
    const path = heightsDescent(x, y, 155, 6, 2000, 50);
    relClose(path[1].mu, 155.92606635132483);
    relClose(path[1].sig, 13.318869626411452);
    relClose(path[1].chiSquared, 0.016776201067329084);
    expect(path[50].chiSquared).toBeLessThan(path[1].chiSquared);
    const step = c.steepestStep(x, y, 155, 6, 2000);
    expect(Math.abs(step[0] - (path[1].mu - 155))).toBeLessThanOrEqual(1e-12);
    const lm = levenbergMarquardt(x, y, 155, 6);
    expect(lm.chiSquared).toBeLessThanOrEqual(path[50].chiSquared + 1e-12);
  });

  it('bad input: non-positive sigma, NaN data, mismatched lengths, divergence', () => {
    expect(errorOf(() => c.f(1, 0, 0))).toBeInstanceOf(NotPositiveDefiniteError);
    expect(errorOf(() => c.dfdsig([1, 2], 0, -1))).toBeInstanceOf(NotPositiveDefiniteError);
    expect(errorOf(() => c.dfdmu(1, NaN, 1))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => c.steepestStep(x, y.subarray(0, 99), 155, 6, 1))).toBeInstanceOf(ShapeError);
    const bad = y.slice();
    bad[3] = NaN;
    expect(errorOf(() => c.steepestStep(x, bad, 155, 6, 1))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => heightsDescent(x, y, 178, 30, 1e7, 50))).toBeInstanceOf(ConvergenceError);
  });
});

describe('MVC-3 Newton-Raphson', () => {
  const f = coursePolynomial;
  const df = coursePolynomialDerivative;
  const roots = companionRoots(COURSE_POLYNOMIAL);
  const realRoots = roots.re.filter((_, k) => Math.abs(roots.im[k]) < 1e-12);
  const nearest = (x: number): number => Math.min(...realRoots.map((r) => Math.abs(r - x)));

  it('the course sextic and its derivative', () => {
    expect([f(0), df(0), f(1), df(1), df(2)]).toEqual([-30, 18, -2, 32, 0]);
    // Two real roots and two complex pairs; each eigenvalue is a root.
    expect(realRoots.length).toBe(2);
    expect(roots.im.filter((v) => Math.abs(v) >= 1e-12).length).toBe(4);
    for (const r of realRoots) expect(Math.abs(f(r))).toBeLessThan(1e-10);
  });

  it('newtonRaphson: exactly `steps` updates, the start first', () => {
    const t = c.newtonRaphson(f, df, -4);
    expect(t.x.length).toBe(21);
    expect(t.x[0]).toBe(-4);
    expect(t.fx[0]).toBe(f(-4));
    expect(t.x[1]).toBe(-4 - f(-4) / df(-4));
    expect(c.newtonRaphson(f, df, 1, 3).x.length).toBe(4);
    // From -4 it converges; from 1.99 it jumps far left, then reaches the same root.
    const end = t.x[20];
    expect(nearest(end)).toBeLessThan(1e-9);
    expect(Math.abs(f(end))).toBeLessThan(1e-10);
    const jump = c.newtonRaphson(f, df, 1.99);
    expect(jump.x[1]).toBeLessThan(-30);
    expect(Math.abs(jump.x[20] - end)).toBeLessThan(1e-9);
    // From 3.1 (next to a complex pair) it has not settled after 20 steps.
    const wander = c.newtonRaphson(f, df, 3.1);
    expect(Math.abs(wander.x[20] - wander.x[19])).toBeGreaterThan(0.1);
    expect(nearest(wander.x[20])).toBeGreaterThan(0.1);
    // f'(2) = 0: IEEE values propagate, no throw.
    const flat = c.newtonRaphson(f, df, 2, 2);
    expect(Number.isFinite(flat.x[1])).toBe(false);
  });

  it('the secant method: from 3.1 the other real root, from 1.99 no convergence', () => {
    const s = secant(f, 3.1);
    expect(s.converged).toBe(true);
    expect(Math.abs(f(s.root))).toBeLessThan(1e-10);
    expect(nearest(s.root)).toBeLessThan(1e-9);
    expect(Math.abs(s.root - c.newtonRaphson(f, df, -4).x[20])).toBeGreaterThan(1);
    expect(secant(f, 1.99).converged).toBe(false);
  });

  it("the lecture's x^3 - 2x + 2 cycles with period 2 from 0", () => {
    const g = (x: number): number => x ** 3 - 2 * x + 2;
    const dg = (x: number): number => 3 * x ** 2 - 2;
    expect(Array.from(c.newtonRaphson(g, dg, 0, 5).x)).toEqual([0, 1, 0, 1, 0, 1]);
    const conv = c.newtonRaphson(g, dg, -2).x[20];
    expect(Math.abs(g(conv))).toBeLessThan(1e-12);
  });

  it('bad input', () => {
    expect(errorOf(() => c.newtonRaphson(f, df, NaN))).toBeInstanceOf(NonFiniteError);
    expect(() => c.newtonRaphson(f, df, 0, -1)).toThrow(RangeError);
  });
});

describe('reproduce, quick', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'mml-calculus-'));

  it('lists the calculus assignments in course order', () => {
    const names = assignmentNames();
    const mvc = names.filter((n) => n.startsWith('mvc-'));
    expect(mvc).toEqual([...mvc].sort());
    expect(names.indexOf('mvc-2-backpropagation')).toBeGreaterThan(names.indexOf('la-4-pagerank'));
  });

  it('mvc-1-sandpit: extrema, outcomes and two SVG figures', async () => {
    const r = await reproduce('mvc-1', { outDir, quick: true });
    expect(r.name).toBe('mvc-1-sandpit');
    allClose(r.numbers.courseMinimum as number[], [1.21283, 4.00926], 1e-4);
    expect(Math.abs((r.numbers.courseF0 as number) + 46.15437)).toBeLessThan(1e-4);
    expect(r.numbers.courseFixedFrom33Left).toBe(1);
    expect(r.numbers.courseSteepestFrom33Found).toBe(1);
    expect(r.numbers.courseHybridFrom33Found).toBe(1);
    expect(r.numbers.courseNewtonFrom33Found).toBe(0);
    expect(r.numbers.courseNewtonFrom33Left).toBe(0);
    expect(r.figures.map((f) => f.split('.').slice(-2, -1)[0])).toEqual(['sandpit', 'sandpit-seeded']);
    for (const f of r.figures) expect(readFileSync(f, 'utf8')).toMatch(/^<svg/);
  });

  it('mvc-2-backpropagation: the reference numbers and two SVG figures', async () => {
    const r = await reproduce('mvc-2', { outDir, quick: true });
    expect(r.name).toBe('mvc-2-backpropagation');
    relClose(r.numbers.initialCost as number, 0.21517139898320883);
    allClose(r.numbers.J_b3 as number[], [-0.095752124715, -0.07596685779], 1e-12);
    expect(r.numbers.J_W3Shape).toEqual([2, 7]);
    expect(r.numbers.J_W2_00Difference as number).toBeLessThan(1e-8);
    expect(r.numbers.deterministicAfter).toEqual([1, 10, 100, 1000]);
    const noisy = r.numbers.noisyCostEvery1000 as number[];
    expect(noisy.length).toBe(6);
    expect(noisy[5]).toBeLessThan(noisy[0] / 10);
    expect(r.numbers.deterministicFirst10StepsDecrease).toBe(1);
    expect(r.figures.map((f) => f.split('.').slice(-2, -1)[0])).toEqual(['heart', 'loss']);
    for (const f of r.figures) expect(readFileSync(f, 'utf8')).toMatch(/^<svg/);
  }, 60_000);

  it('mvc-3-newton-raphson: tables, secant, companion roots and the figure', async () => {
    const r = await reproduce('mvc-3', { outDir, quick: true });
    expect(r.numbers.dfAt0And1And2).toEqual([18, 32, 0]);
    expect((r.numbers.newtonFromM4X as number[]).length).toBe(21);
    expect(r.numbers.newtonFromM4RootDistance as number).toBeLessThan(1e-9);
    expect(r.numbers.secantFrom31Converged).toBe(1);
    expect(Math.abs(r.numbers.secantFrom31F as number)).toBeLessThan(1e-10);
    expect(r.numbers.secantFrom31RootDistance as number).toBeLessThan(1e-9);
    expect(r.numbers.secantFrom199Converged).toBe(0);
    expect((r.numbers.companionRootsRe as number[]).length).toBe(6);
    expect(r.figures).toEqual([join(outDir, 'mvc-3-newton-raphson.newton.svg')]);
    expect(readFileSync(r.figures[0], 'utf8')).toMatch(/^<svg/);
  });

  it('mvc-4-heights: the reference numbers and three SVG figures', async () => {
    const r = await reproduce('mvc-4', { outDir, quick: true });
    relClose(r.numbers.chiSquaredOpening as number, 0.012507536532326436);
    relClose(r.numbers.startChiSquared as number, 0.03233332706185907);
    relClose((r.numbers.step1 as number[])[1], 13.318869626411452);
    relClose(r.numbers.step1ChiSquared as number, 0.016776201067329084);
    expect(r.numbers.curveFitChiSquared as number).toBeLessThanOrEqual((r.numbers.step50ChiSquared as number) + 1e-12);
    // ml.curveFit: Levenberg-Marquardt reaches the optimum in fewer iterations than steepest descent.
    expect(r.numbers.steepestDescentFitConverged).toBe(1);
    relClose(r.numbers.steepestDescentFitChiSquared as number, r.numbers.curveFitChiSquared as number, 1e-9);
    expect(r.numbers.curveFitIterations as number).toBeLessThan(r.numbers.steepestDescentFitIterations as number);
    expect(r.figures.length).toBe(3);
    for (const name of ['histogram-start', 'histogram-fit', 'contour']) {
      const file = join(outDir, `mvc-4-heights.${name}.svg`);
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toMatch(/χ²/);
    }
  }, 60_000);
});
