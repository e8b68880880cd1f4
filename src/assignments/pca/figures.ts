// Figure pieces shared by the PCA reproductions: digits as rasters and as SVG grids, line charts.

import { palette } from '../../data/course.js';
import { IMAGE_CONFIG, imageGridSpec, imageGridView, type Tile } from '../../plot/image-grid.js';
import type { Raster } from '../../plot/png.js';
import { divergingRaster, greyRaster } from '../../plot/raster.js';
import type { ChartSpec } from '../../plot/svg.js';
import type { Report } from '../report.js';

/** Side of an MNIST image. */
export const SIDE = 28;
/** Zoom of digits embedded in figures and written as PNG (28 -> 112 pixels). */
export const ZOOM = 4;

/** A 28 x 28 image in [0, 1] (clipped) as a greyscale raster, 0 = black. */
export function digitRaster(values: ArrayLike<number>, zoom = ZOOM): Raster {
  return greyRaster(values, SIDE, SIDE, zoom);
}

/** A signed 28 x 28 image (an eigen-digit) on the diverging scale, symmetric around 0 at ±limit. */
export function signedDigitRaster(values: ArrayLike<number>, limit: number, zoom = ZOOM): Raster {
  return divergingRaster(values, SIDE, SIDE, limit, zoom);
}

export { IMAGE_CONFIG, imageGridSpec, imageGridView, type Tile };

/** The largest absolute value of a set of arrays (the limit of a symmetric diverging scale). */
export function absMax(arrays: ArrayLike<number>[]): number {
  let m = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** A chart of several named series (lines with points, or points only) over x, with a legend when there are several. */
export function lineChart(options: {
  title: string;
  xTitle: string;
  yTitle: string;
  series: { name: string; x: ArrayLike<number>; y: ArrayLike<number>; mark?: 'line' | 'point' | 'line+point' }[];
  yScale?: 'linear' | 'log';
  rule?: { y: number; label: string };
  width?: number;
}): ChartSpec {
  const colors = [palette.blue1, palette.orange, palette.magenta, palette.green];
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: options.series.map((s) => s.name), range: colors },
    legend: options.series.length > 1 ? { labelLimit: 0 } : null,
  };
  const layers: ChartSpec[] = options.series.map((s) => {
    const kind = s.mark ?? 'line+point';
    return {
      data: { values: Array.from(s.x, (x, i) => ({ series: s.name, x, y: s.y[i] })) },
      mark: kind === 'point' ? { type: 'point', filled: true, size: 50 } : { type: 'line', point: kind === 'line+point' },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: options.xTitle },
        y: { field: 'y', type: 'quantitative', title: options.yTitle, scale: { type: options.yScale ?? 'linear' } },
        color,
      },
    };
  });
  if (options.rule) {
    layers.push({
      data: { values: [{ y: options.rule.y, label: options.rule.label }] },
      layer: [
        { mark: { type: 'rule', strokeDash: [6, 4], color: palette.magenta }, encoding: { y: { field: 'y', type: 'quantitative' } } },
        {
          mark: { type: 'text', align: 'right', dy: -6, color: palette.magenta },
          encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: options.width ?? 480 }, text: { field: 'label' } },
        },
      ],
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: options.width ?? 480,
    height: 300,
    config: { legend: { orient: 'bottom' } },
    layer: layers,
  };
}

/** Milliseconds of `fn`, the mean of `repeats` runs after one warm-up run. */
export function timeMs(fn: () => unknown, repeats: number): number {
  fn();
  const t0 = performance.now();
  for (let r = 0; r < repeats; r++) fn();
  return (performance.now() - t0) / repeats;
}

/** The report with `keys` moved to the front of its numbers: the CLI's summary shows the first three. */
export function headlineFirst(report: Report, keys: string[]): Report {
  const numbers: Report['numbers'] = {};
  for (const k of keys) if (k in report.numbers) numbers[k] = report.numbers[k];
  for (const [k, v] of Object.entries(report.numbers)) if (!(k in numbers)) numbers[k] = v;
  return { ...report, numbers };
}
