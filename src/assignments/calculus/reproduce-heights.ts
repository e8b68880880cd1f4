// reproduce('mvc-4-heights'): N(mu, sig) fitted to the course's histogram of heights by steepest
// descent on chi^2, against a Levenberg-Marquardt least-squares fit; the histogram under the
// opening and the fitted model, and the chi^2 landscape with the descent path.

import { ConvergenceError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { palette } from '../../data/course.js';
import { solve } from '../../linalg/solve.js';
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
 * Levenberg-Marquardt on the residuals y - f(x; mu, sig) from (mu, sig), with Marquardt's diagonal
 * scaling; the 2x2 normal equations through the engine's solve. Stands in for ml.curveFit (written
 * on another branch) with the same method. Stops when a step changes chi^2 by less than 1e-15
 * relative; 200 iterations -> ConvergenceError.
 */
export function levenbergMarquardt(x: Float64Array, y: Float64Array, mu: number, sig: number): DescentState & { iterations: number } {
  let chi = chiSquared(x, y, mu, sig);
  let lambda = 1e-3;
  for (let it = 1; it <= 200; it++) {
    const fx = f(x, mu, sig);
    const gm = dfdmu(x, mu, sig);
    const gs = dfdsig(x, mu, sig);
    let a = 0, b = 0, c = 0, rm = 0, rs = 0;
    for (let i = 0; i < x.length; i++) {
      const r = y[i] - fx[i];
      a += gm[i] * gm[i];
      b += gm[i] * gs[i];
      c += gs[i] * gs[i];
      rm += gm[i] * r;
      rs += gs[i] * r;
    }
    // Try steps with growing damping until chi^2 falls (or damping makes the step vanish).
    for (;;) {
      const [dMu, dSig] = solve(Matrix.from([[a * (1 + lambda), b], [b, c * (1 + lambda)]]), Float64Array.of(rm, rs));
      const nextSig = sig + dSig;
      const next = nextSig > 0 ? chiSquared(x, y, mu + dMu, nextSig) : Infinity;
      if (next <= chi) {
        const done = chi - next <= 1e-15 * chi;
        mu += dMu;
        sig = nextSig;
        chi = next;
        lambda = Math.max(lambda / 10, 1e-12);
        if (done) return { mu, sig, chiSquared: chi, iterations: it };
        break;
      }
      lambda *= 10;
      if (lambda > 1e12) return { mu, sig, chiSquared: chi, iterations: it };
    }
  }
  throw new ConvergenceError(`levenbergMarquardt: no convergence after 200 iterations from (${mu}, ${sig})`);
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

  await r.figure('histogram-start', histogramFigure(x, y, 160, 15, 'Heights: the opening model N(160, 15)'));
  const end = path[path.length - 1];
  await r.figure('histogram-fit', histogramFigure(x, y, end.mu, end.sig, `Heights: after ${STEPS} steepest steps (aggression ${AGGRESSION})`));
  await r.figure('contour', contourFigure(x, y, path));
  return r.report();
}
