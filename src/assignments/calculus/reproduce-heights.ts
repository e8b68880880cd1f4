// reproduce('mvc-4-heights'): N(mu, sig) fitted to the course's histogram of heights by steepest
// descent on chi^2, against ml.curveFit's Levenberg-Marquardt least-squares fit; the histogram under the
// opening and the fitted model, and the chi^2 landscape with the descent path.

import { ConvergenceError } from '../../core/errors.js';
import { palette } from '../../data/course.js';
import { curveFit } from '../../ml/curve-fit.js';
import type { ChartSpec } from '../../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { contourSegments, levels, range, sampleGrid } from './contours.js';
import { chiSquared, chiSquaredGradient, dfdmu, dfdsig, f, heightsData, heightsDescent, type DescentState } from './heights.js';

export const NAME = 'mvc-4-heights';
export const TITLE = 'MVC-4 Fitting the distribution of heights';

const START = { mu: 155, sig: 6 };
const AGGRESSION = 2000;
const STEPS = 50;

/**
 * The course's Gaussian with its gradient in (mu, sig), per point, for ml.curveFit. Outside its
 * domain (sig <= 0) it is NaN, which curveFit treats as a rejected trial step (the course's f
 * throws there).
 */
const gaussianModel = {
  f: (x: number, p: Float64Array): number => (p[1] > 0 ? (f(x, p[0], p[1]) as number) : NaN),
  df: (x: number, p: Float64Array): number[] => [dfdmu(x, p[0], p[1]) as number, dfdsig(x, p[0], p[1]) as number],
};

/**
 * The least-squares fit of N(mu, sig) to the histogram by ml.curveFit's Levenberg-Marquardt
 * (Marquardt's scaling, steps by QR), from (mu, sig); chi^2 is the course's sum of squared
 * residuals. Throws ConvergenceError if it does not converge.
 */
export function levenbergMarquardt(x: Float64Array, y: Float64Array, mu: number, sig: number): DescentState & { iterations: number } {
  const fit = curveFit(gaussianModel, x, y, [mu, sig], { method: 'levenberg-marquardt' });
  if (!fit.converged) throw new ConvergenceError(`levenbergMarquardt: ${fit.message} after ${fit.iterations} iterations from (${mu}, ${sig})`);
  const [m, s] = fit.parameters;
  return { mu: m, sig: s, chiSquared: chiSquared(x, y, m, s), iterations: fit.iterations };
}

function histogramFigure(x: Float64Array, y: Float64Array, mu: number, sig: number, title: string): ChartSpec {
  const half = 1.25;
  const shown = Array.from(x.keys()).filter((i) => x[i] >= 130 && x[i] <= 210);
  const bars = shown.flatMap((i) => {
    const model = f(x[i], mu, sig);
    const lo = Math.min(model, y[i]);
    const hi = Math.max(model, y[i]);
    const left = x[i] - half;
    const right = x[i] + half;
    return [
      { part: 'data and model', x: left, x2: right, y: 0, y2: lo },
      { part: model > y[i] ? 'model above data' : 'data above model', x: left, x2: right, y: lo, y2: hi },
    ];
  });
  const curve = Array.from(range(130, 210, 0.25), (v) => ({ x: v, y: f(v, mu, sig) }));
  const chi = chiSquared(x, y, mu, sig);
  const xScale = { domain: [130, 210], nice: false };
  const top = 1.1 * Math.max(...bars.map((b) => b.y2), ...curve.map((p) => p.y));
  const yScale = { domain: [0, top], nice: false };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 480,
    height: 300,
    config: { view: { fill: palette.blue1, stroke: null }, legend: { orient: 'bottom', labelLimit: 300 } },
    layer: [
      {
        // The background as a rect: the view fill does not show under this layer stack.
        data: { values: [{ x: 130, x2: 210, y: 0, y2: top }] },
        mark: { type: 'rect', color: palette.blue1 },
        encoding: { x: { field: 'x', type: 'quantitative', scale: xScale }, x2: { field: 'x2' }, y: { field: 'y', type: 'quantitative', scale: yScale }, y2: { field: 'y2' } },
      },
      {
        data: { values: bars },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale, title: 'height (cm)' },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', scale: yScale, title: 'density' },
          y2: { field: 'y2' },
          color: {
            field: 'part',
            type: 'nominal',
            title: null,
            scale: { domain: ['data and model', 'model above data', 'data above model'], range: [palette.green, palette.magenta, palette.orange] },
          },
        },
      },
      {
        data: { values: curve },
        mark: { type: 'line', color: palette.white, strokeWidth: 2 },
        encoding: { x: { field: 'x', type: 'quantitative', scale: xScale }, y: { field: 'y', type: 'quantitative', scale: yScale } },
      },
      {
        data: { values: [{ label: `N(${mu.toFixed(2)}, ${sig.toFixed(2)}):  χ² = ${chi.toExponential(4)}` }] },
        mark: { type: 'text', align: 'left', baseline: 'top', x: 8, y: 8, color: palette.white, fontSize: 13 },
        encoding: { text: { field: 'label' } },
      },
    ],
  } as ChartSpec;
}

function contourFigure(x: Float64Array, y: Float64Array, path: DescentState[]): ChartSpec {
  const grid = sampleGrid((mu, sig) => chiSquared(x, y, mu, sig), range(150, 200, 0.5), range(2, 35, 0.5));
  const segments = levels(grid, 20, 'log').flatMap((level) => contourSegments(grid, level));
  const axes = {
    x: { field: 'x', type: 'quantitative', scale: { domain: [150, 200], nice: false }, title: 'μ (cm)' },
    y: { field: 'y', type: 'quantitative', scale: { domain: [2, 35], nice: false }, title: 'σ (cm)' },
  };
  const end = path[path.length - 1];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    config: { view: { fill: palette.blue1, stroke: null }, axis: { grid: false }, legend: { orient: 'bottom', labelLimit: 300 } },
    title: `χ²(μ, σ): 20 contours (log-spaced) and ${path.length - 1} steepest steps from (${START.mu}, ${START.sig})`,
    width: 480,
    height: 360,
    layer: [
      {
        data: { values: segments.map((s) => ({ ...s, level: Math.log10(s.level) })) },
        mark: { type: 'rule', strokeWidth: 1 },
        encoding: {
          ...axes,
          x2: { field: 'x2' },
          y2: { field: 'y2' },
          color: { field: 'level', type: 'quantitative', title: 'log₁₀ χ²', scale: { scheme: 'greys', reverse: true } },
        },
      },
      {
        data: { values: path.map((p, k) => ({ k, x: p.mu, y: p.sig, series: 'steepest descent' })) },
        mark: { type: 'line', point: { size: 18, filled: true, color: palette.magenta }, strokeWidth: 1.5, clip: true },
        encoding: { ...axes, order: { field: 'k' }, color: { field: 'series', type: 'nominal', title: null, scale: { range: [palette.magenta] } } },
      },
      {
        data: { values: [{ x: end.mu, y: end.sig }] },
        mark: { type: 'point', filled: true, size: 110, color: palette.orange, opacity: 1 },
        encoding: axes,
      },
    ],
  } as ChartSpec;
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  const { x, y } = heightsData();
  r.number('chiSquaredOpening', chiSquared(x, y, 160, 15));

  const path = heightsDescent(x, y, START.mu, START.sig, AGGRESSION, STEPS);
  r.vector('start', [START.mu, START.sig]);
  r.number('startChiSquared', path[0].chiSquared);
  r.vector('startJ', chiSquaredGradient(x, y, START.mu, START.sig));
  for (const k of [1, 10, 20, 50]) {
    r.vector(`step${k}`, [path[k].mu, path[k].sig]);
    r.number(`step${k}ChiSquared`, path[k].chiSquared);
  }

  const lm = levenbergMarquardt(x, y, START.mu, START.sig);
  r.vector('curveFit', [lm.mu, lm.sig]);
  r.number('curveFitChiSquared', lm.chiSquared);
  r.number('curveFitIterations', lm.iterations);
  // The same fit by ml.curveFit's steepest descent (line search) to the same stopping rule:
  // Levenberg-Marquardt needs far fewer iterations.
  const sd = curveFit(gaussianModel, x, y, [START.mu, START.sig], { method: 'steepest-descent' });
  r.number('steepestDescentFitIterations', sd.iterations);
  r.number('steepestDescentFitConverged', sd.converged);
  r.number('steepestDescentFitChiSquared', chiSquared(x, y, sd.parameters[0], sd.parameters[1]));

  await r.figure('histogram-start', histogramFigure(x, y, 160, 15, 'Heights: the opening model N(160, 15)'));
  const end = path[path.length - 1];
  await r.figure('histogram-fit', histogramFigure(x, y, end.mu, end.sig, `Heights: after ${STEPS} steepest steps (aggression ${AGGRESSION})`));
  await r.figure('contour', contourFigure(x, y, path));
  return r.report();
}
