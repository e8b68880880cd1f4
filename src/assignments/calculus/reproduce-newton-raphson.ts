// reproduce('mvc-3-newton-raphson'): Newton-Raphson tables for the course's sextic from five
// starts, the derivative-free secant method the course then calls, the lecture's 2-cycle, and the
// six roots from the companion matrix (eig), with a figure of the iterates and tangent steps.

import { Matrix } from '../../core/matrix.js';
import { palette } from '../../data/course.js';
import { eigvals } from '../../linalg/eig.js';
import type { ChartSpec } from '../../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { range } from './contours.js';
import { COURSE_POLYNOMIAL, coursePolynomial as f, coursePolynomialDerivative as df, newtonRaphson, secant, type NewtonTable } from './newton-raphson.js';

export const NAME = 'mvc-3-newton-raphson';
export const TITLE = 'MVC-3 Newton-Raphson';

const STARTS = [-4, 1.99, 3.1, 0, 4];
const DRAWN = [-4, 1.99, 3.1];
const X_RANGE = [-4.5, 4.2];
const Y_RANGE = [-60, 80];

/** camelCase key part of a start: -4 -> 'M4', 1.99 -> '1_99'... keys allow digits only, so 1.99 -> '199'. */
function startKey(x0: number): string {
  return (x0 < 0 ? 'M' : '') + String(Math.abs(x0)).replace('.', '');
}

/** The roots of a polynomial (coefficients highest power first) as the eigenvalues of its companion matrix, by real part. */
export function companionRoots(coefficients: number[]): { re: number[]; im: number[] } {
  const n = coefficients.length - 1;
  const C = Matrix.zeros(n, n);
  for (let j = 0; j < n; j++) C.set(0, j, -coefficients[j + 1] / coefficients[0]);
  for (let i = 1; i < n; i++) C.set(i, i - 1, 1);
  const { re, im } = eigvals(C);
  const order = Array.from(re.keys()).sort((a, b) => re[a] - re[b] || im[b] - im[a]);
  return { re: order.map((k) => re[k]), im: order.map((k) => im[k]) };
}

/** The nearest real eigenvalue (|im| < 1e-12) to x, as a distance. */
function distanceToRealRoot(x: number, roots: { re: number[]; im: number[] }): number {
  let best = Infinity;
  roots.re.forEach((r, k) => {
    if (Math.abs(roots.im[k]) < 1e-12) best = Math.min(best, Math.abs(r - x));
  });
  return best;
}

function newtonFigure(tables: Map<number, NewtonTable>): ChartSpec {
  const clip = (y: number): number => Math.min(Math.max(y, Y_RANGE[0] - 10), Y_RANGE[1] + 10);
  const curve = Array.from(range(X_RANGE[0], X_RANGE[1], 0.01), (x) => ({ x, y: clip(f(x)) }));
  const colors = [palette.magenta, palette.orange, palette.green];
  const steps: { start: string; seg: number; order: number; x: number; y: number }[] = [];
  const points: { start: string; x: number; y: number }[] = [];
  let seg = 0;
  for (const x0 of DRAWN) {
    const { x, fx } = tables.get(x0)!;
    const start = `from ${x0}`;
    for (let k = 0; k < x.length; k++) {
      if (x[k] >= X_RANGE[0] && x[k] <= X_RANGE[1]) points.push({ start, x: x[k], y: clip(fx[k]) });
      if (k + 1 < x.length && Number.isFinite(x[k + 1])) {
        // Tangent from (x_k, f(x_k)) down to the axis at x_{k+1}, then up to the curve. Lines that
        // leave the plot are cut by the clip of the mark.
        steps.push({ start, seg, order: 0, x: x[k], y: fx[k] }, { start, seg, order: 1, x: x[k + 1], y: 0 }, { start, seg, order: 2, x: x[k + 1], y: fx[k + 1] });
        seg++;
      }
    }
  }
  const axes = {
    x: { field: 'x', type: 'quantitative', scale: { domain: X_RANGE, nice: false }, title: 'x' },
    y: { field: 'y', type: 'quantitative', scale: { domain: Y_RANGE, nice: false }, title: 'f(x)' },
  };
  const legend = { field: 'start', type: 'nominal', title: 'Newton-Raphson', scale: { domain: DRAWN.map((x0) => `from ${x0}`), range: colors } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'f(x) = x⁶/6 − 3x⁴ − 2x³/3 + 27x²/2 + 18x − 30: 20 Newton-Raphson steps from three starts',
    width: 520,
    height: 340,
    config: { legend: { orient: 'bottom', labelLimit: 300 } },
    layer: [
      { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#888', strokeWidth: 1 }, encoding: { y: axes.y } },
      { data: { values: curve }, mark: { type: 'line', color: palette.blue1, strokeWidth: 2, clip: true }, encoding: axes },
      { data: { values: steps }, mark: { type: 'line', strokeWidth: 1, opacity: 0.7, clip: true }, encoding: { ...axes, color: legend, detail: { field: 'seg' }, order: { field: 'order' } } },
      { data: { values: points }, mark: { type: 'point', filled: true, size: 30, opacity: 1, clip: true }, encoding: { ...axes, color: legend } },
    ],
  } as ChartSpec;
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  // Headline: the root Newton reaches from -4, the other one the secant method finds from 3.1.
  r.number('newtonFromM4Root', newtonRaphson(f, df, -4).x[20]);
  r.number('secantFrom31Root', secant(f, 3.1).root);
  r.vector('fAt0And1', [f(0), f(1)]);
  r.vector('dfAt0And1And2', [df(0), df(1), df(2)]);

  const roots = companionRoots(COURSE_POLYNOMIAL);
  r.vector('companionRootsRe', roots.re);
  r.vector('companionRootsIm', roots.im);

  const tables = new Map<number, NewtonTable>();
  for (const x0 of STARTS) {
    const t = newtonRaphson(f, df, x0);
    tables.set(x0, t);
    r.vector(`newtonFrom${startKey(x0)}X`, t.x);
    r.vector(`newtonFrom${startKey(x0)}Fx`, t.fx);
    r.number(`newtonFrom${startKey(x0)}RootDistance`, distanceToRealRoot(t.x[t.x.length - 1], roots));
  }

  for (const x0 of [3.1, 1.99]) {
    const s = secant(f, x0);
    const key = `secantFrom${startKey(x0)}`;
    r.number(`${key}Converged`, s.converged);
    r.number(`${key}Root`, s.root);
    r.number(`${key}Iterations`, s.iterations);
    r.number(`${key}F`, f(s.root));
    r.number(`${key}RootDistance`, distanceToRealRoot(s.root, roots));
  }

  // The lecture's x^3 - 2x + 2: Newton from -2 converges, from 0 it cycles 0, 1, 0, 1, ...
  const g = (x: number): number => x ** 3 - 2 * x + 2;
  const dg = (x: number): number => 3 * x ** 2 - 2;
  r.vector('lectureFromM2X', newtonRaphson(g, dg, -2).x);
  r.vector('lectureFrom0X', newtonRaphson(g, dg, 0, 6).x);

  await r.figure('newton', newtonFigure(tables));
  return r.report();
}
