// reproduce('mvc-1-sandpit'): the course's first sandpit surface, its deepest and highest points,
// and the four step rules (fixed, steepest, Newton, hybrid) from two starts; then the same rules
// on a seeded random sandpit (a bowl with three Gaussian pits), as the lab's "new sandpit" button.

import { Random } from '../../core/random.js';
import { palette } from '../../data/course.js';
import type { ChartSpec } from '../../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { contourSegments, levels, range, sampleGrid } from './contours.js';
import { STEP_RULES, SIZE, courseSurface, extrema, rescaled, sandpitRun, type SandpitRun, type Surface } from './sandpit.js';

export const NAME = 'mvc-1-sandpit';
export const TITLE = 'MVC-1 Sandpit';

const STARTS: [number, number][] = [[3, 3], [2, 1]];
const SEED = 42;

/** A seeded sandpit: a shallow bowl plus three Gaussian pits of random place, depth and width. */
export function seededSurface(seed: number): Surface {
  const rng = new Random(seed);
  const bowl = [1 + 4 * rng.uniform(), 1 + 4 * rng.uniform()];
  const pits = Array.from({ length: 3 }, () => ({ x: 0.5 + 5 * rng.uniform(), y: 0.5 + 5 * rng.uniform(), depth: 5 + 25 * rng.uniform(), width: 0.5 + 2.5 * rng.uniform() }));
  return (x, y) => {
    let v = -0.3 * ((x - bowl[0]) ** 2 + (y - bowl[1]) ** 2);
    for (const p of pits) v -= p.depth * Math.exp(-((x - p.x) ** 2 + (y - p.y) ** 2) / p.width);
    return v;
  };
}

function sandpitFigure(title: string, g: Surface, phone: [number, number], runs: { rule: string; run: SandpitRun }[]): ChartSpec {
  const grid = sampleGrid(g, range(0, SIZE, 0.05), range(0, SIZE, 0.05));
  const segments = levels(grid, 20).flatMap((level) => contourSegments(grid, level));
  const axes = {
    x: { field: 'x', type: 'quantitative', scale: { domain: [0, SIZE], nice: false }, title: 'x (m)' },
    y: { field: 'y', type: 'quantitative', scale: { domain: [0, SIZE], nice: false }, title: 'y (m)' },
  };
  const colors = [palette.white, palette.magenta, palette.orange, palette.green];
  const label = ({ rule, run }: { rule: string; run: SandpitRun }): string => `${rule}: ${run.outcome === 'found' ? 'found in' : run.outcome === 'left' ? 'left the pit after' : 'not found in'} ${run.steps} steps`;
  const ruleColor = { field: 'rule', type: 'nominal', title: null, scale: { domain: runs.map(label), range: colors } };
  const paths = runs.flatMap((r) => r.run.path.map(([x, y], k) => ({ rule: label(r), k, x, y })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 420,
    height: 420,
    config: { view: { fill: palette.blue1, stroke: null }, axis: { grid: false }, legend: { orient: 'bottom', labelLimit: 300, columns: 2 } },
    layer: [
      {
        data: { values: segments },
        mark: { type: 'rule', strokeWidth: 1 },
        encoding: { ...axes, x2: { field: 'x2' }, y2: { field: 'y2' }, color: { field: 'level', type: 'quantitative', title: 'depth', scale: { scheme: 'greys', reverse: true } } },
      },
      {
        data: { values: paths },
        mark: { type: 'line', point: { filled: true, size: 28 }, strokeWidth: 1.5, clip: true },
        encoding: { ...axes, order: { field: 'k' }, color: ruleColor },
      },
      {
        data: { values: [{ x: phone[0], y: phone[1] }] },
        mark: { type: 'point', shape: 'cross', filled: true, size: 220, color: palette.bearBlack, opacity: 1 },
        encoding: axes,
      },
      {
        data: { values: [{ x: phone[0], y: phone[1], label: 'phone' }] },
        mark: { type: 'text', dx: 10, dy: -10, align: 'left', color: palette.white, fontSize: 12 },
        encoding: { ...axes, text: { field: 'label' } },
      },
    ],
  } as ChartSpec;
}

/** Extrema, rescaled depth, and every rule from every start; numbers under `prefix`. */
function study(r: ReportBuilder, prefix: string, f: Surface): { g: Surface; phone: [number, number]; from33: { rule: string; run: SandpitRun }[] } {
  const { min, max } = extrema(f);
  r.number(`${prefix}F0`, min.f);
  r.vector(`${prefix}Minimum`, min.x);
  r.vector(`${prefix}Maximum`, max.x);
  r.number(`${prefix}F1`, max.f);
  const g = rescaled(f, min.f, max.f);
  const from33: { rule: string; run: SandpitRun }[] = [];
  for (const start of STARTS) {
    for (const rule of STEP_RULES) {
      const run = sandpitRun(rule, g, min.x, start);
      const key = `${prefix}${rule[0].toUpperCase()}${rule.slice(1)}From${start.join('')}`;
      r.number(`${key}Steps`, run.steps);
      r.number(`${key}Found`, run.outcome === 'found');
      r.number(`${key}Left`, run.outcome === 'left');
      r.vector(`${key}End`, run.path[run.path.length - 1]);
      if (start === STARTS[0]) from33.push({ rule, run });
    }
  }
  return { g, phone: min.x, from33 };
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  const course = study(r, 'course', courseSurface);
  await r.figure('sandpit', sandpitFigure('Sandpit: the course surface, four step rules from (3, 3)', course.g, course.phone, course.from33));
  const seeded = study(r, 'seeded', seededSurface(SEED));
  await r.figure('sandpit-seeded', sandpitFigure(`Sandpit: a seeded surface (seed ${SEED}), four step rules from (3, 3)`, seeded.g, seeded.phone, seeded.from33));
  return r.report();
}
