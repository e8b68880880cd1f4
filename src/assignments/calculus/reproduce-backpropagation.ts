// reproduce('mvc-2-backpropagation'): the 1-6-7-2 network from the course's initial weights, its
// cost and Jacobians, a noisy and a deterministic steepest-descent run, the heart it learns to draw
// and the cost curves.

import { Matrix } from '../../core/matrix.js';
import { backpropInitData, palette } from '../../data/course.js';
import type { ChartSpec } from '../../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { checkNetwork, cost, jacobians, networkFunction, train, trainingData, type Network } from './network.js';

export const NAME = 'mvc-2-backpropagation';
export const TITLE = 'MVC-2 Backpropagation';

const AGGRESSION = 7;
const SEED = 42;

/** The network's output as (y0, y1) points along the curve, for the heart figure. */
function outputCurve(p: Network, x: Matrix, stage: number): { stage: number; k: number; y0: number; y1: number }[] {
  const a3 = networkFunction(p, x).a3;
  return Array.from({ length: x.cols }, (_, k) => ({ stage, k, y0: a3.get(0, k), y1: a3.get(1, k) }));
}

function heartFigure(target: Matrix, stages: ReturnType<typeof outputCurve>, final: ReturnType<typeof outputCurve>, iterations: number): ChartSpec {
  const closed = <T extends { k: number }>(pts: T[], extra: (p: T) => T): T[] => [...pts, extra(pts[0])];
  const curve = Array.from({ length: target.cols }, (_, k) => ({ k, y0: target.get(0, k), y1: target.get(1, k), series: 'target' }));
  const enc = {
    x: { field: 'y0', type: 'quantitative', scale: { domain: [0, 1], nice: false }, title: 'output 0 (y₀)' },
    y: { field: 'y1', type: 'quantitative', scale: { domain: [0, 1], nice: false }, title: 'output 1 (y₁)' },
    order: { field: 'k' },
  };
  const legend = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: ['target', 'every 100 iterations', `after ${iterations} iterations`], range: [palette.green, palette.magenta, palette.orange] },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'The 1-6-7-2 network learning the heart',
    width: 420,
    height: 420,
    config: { legend: { orient: 'bottom', labelLimit: 400 } },
    layer: [
      {
        data: { values: stages.map((s) => ({ ...s, series: 'every 100 iterations' })) },
        mark: { type: 'line', strokeWidth: 0.6, opacity: 0.12, clip: true },
        encoding: { ...enc, detail: { field: 'stage' }, color: legend },
      },
      { data: { values: closed(curve, (p) => ({ ...p, k: target.cols })) }, mark: { type: 'line', strokeWidth: 2.5 }, encoding: { ...enc, color: legend } },
      {
        data: { values: final.map((s) => ({ ...s, series: `after ${iterations} iterations` })) },
        mark: { type: 'line', strokeWidth: 2.5, clip: true },
        encoding: { ...enc, color: legend },
      },
    ],
  } as ChartSpec;
}

function lossFigure(noisy: Float64Array, deterministic: Float64Array): ChartSpec {
  const series = (costs: Float64Array, name: string, every: number) =>
    Array.from({ length: Math.floor((costs.length - 1) / every) + 1 }, (_, i) => ({ iteration: i * every, cost: costs[i * every], run: name }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Cost ‖a₃ − y‖²/N during training (aggression ${AGGRESSION})`,
    width: 480,
    height: 300,
    data: { values: [...series(noisy, 'noise 1', 50), ...series(deterministic, 'noise 0', 10)] },
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: { field: 'iteration', type: 'quantitative', title: 'iteration' },
      y: { field: 'cost', type: 'quantitative', scale: { type: 'log' }, title: 'cost (log scale)' },
      color: { field: 'run', type: 'nominal', title: null, scale: { domain: ['noise 1', 'noise 0'], range: [palette.magenta, palette.orange] } },
    },
    config: { legend: { orient: 'bottom', labelLimit: 400 } },
  } as ChartSpec;
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  const quick = options.quick ?? false;
  const { x, y } = trainingData();
  const init = checkNetwork(backpropInitData, NAME);

  // The course's checks at the initial weights.
  r.number('initialCost', cost(init, x, y));
  const J = jacobians(init, x, y);
  r.matrix('J_b3', J.J_b3);
  r.matrix('J_W3', J.J_W3);

  // Noisy steepest descent, the curve drawn every 100 iterations.
  const noisyIterations = quick ? 5_000 : 50_000;
  const stages: ReturnType<typeof outputCurve> = [];
  const noisy = train(init, x, y, {
    iterations: noisyIterations,
    aggression: AGGRESSION,
    noise: 1,
    seed: SEED,
    onIteration: (it, p) => {
      if (it % 100 === 0) stages.push(...outputCurve(p, x, it));
    },
  });
  r.number('noisyFinalCost', noisy.costs[noisyIterations]);
  r.number('noisyIterations', noisyIterations);
  r.vector('noisyCostEvery1000', Array.from({ length: noisyIterations / 1000 + 1 }, (_, k) => noisy.costs[k * 1000]));

  // Deterministic run from the same weights.
  const marks = quick ? [1, 10, 100, 1_000] : [1, 10, 100, 1_000, 5_000, 10_000];
  const det = train(init, x, y, { iterations: marks[marks.length - 1], aggression: AGGRESSION, noise: 0 });
  r.vector('deterministicAfter', marks);
  r.vector('deterministicCost', marks.map((k) => det.costs[k]));
  let decreasing = true;
  for (let k = 1; k <= 10; k++) decreasing &&= det.costs[k] < det.costs[k - 1];
  r.number('deterministicFirst10StepsDecrease', decreasing);

  // The backpropagated dC/dW2[0,0] against a central difference of the cost.
  const eps = 1e-6;
  const shifted = (delta: number): number => {
    const W2 = init.W2.clone();
    W2.set(0, 0, W2.get(0, 0) + delta);
    return cost({ ...init, W2 }, x, y);
  };
  const central = (shifted(eps) - shifted(-eps)) / (2 * eps);
  r.number('dCdW2_00CentralDifference', central);
  r.number('J_W2_00', J.J_W2.get(0, 0));
  r.number('J_W2_00Difference', Math.abs(central - J.J_W2.get(0, 0)));

  await r.figure('heart', heartFigure(y, stages, outputCurve(noisy.params, x, noisyIterations), noisyIterations));
  await r.figure('loss', lossFigure(noisy.costs, det.costs));
  return r.report();
}
