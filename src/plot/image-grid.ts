// A Vega-Lite spec that lays out rasters (embedded as PNG data URLs) in a labelled grid: one
// image mark per tile on point scales, so the figure keeps a title, axis labels and stays a
// small SVG (30 digits as 23,520 rect marks would be megabytes).

import { pngDataUrl, type Raster } from './png.js';
import type { ChartSpec } from './svg.js';

export interface Tile {
  /** Column label (x axis). */
  col: string;
  /** Row label (y axis). */
  row: string;
  raster: Raster;
}

export interface ImageGridOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** Displayed size of each tile in pixels (default 84: a 28x28 digit at 3x). */
  size?: number;
  /** A footnote under the title (scale, units). */
  subtitle?: string;
}

/** The spec of a grid of images: columns in the order of first appearance of `col`, rows of `row`. */
export function imageGridSpec(tiles: Tile[], options: ImageGridOptions): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.subtitle ? { text: options.title, subtitle: options.subtitle } : options.title,
    config: IMAGE_CONFIG,
    ...imageGridView(tiles, options),
  };
}

/** Top-level config for figures holding image grids (no aria labels: they would repeat the data URLs). */
export const IMAGE_CONFIG = { aria: false, view: { stroke: null } };

/** The grid as one view, to place inside a vconcat/hconcat (the caller sets title and IMAGE_CONFIG). */
export function imageGridView(tiles: Tile[], options: Omit<ImageGridOptions, 'title'>): ChartSpec {
  const size = options.size ?? 84;
  const cols = [...new Set(tiles.map((t) => t.col))];
  const rows = [...new Set(tiles.map((t) => t.row))];
  return {
    width: { step: size + 6 },
    height: { step: size + 6 },
    data: { values: tiles.map((t) => ({ col: t.col, row: t.row, url: pngDataUrl(t.raster) })) },
    mark: { type: 'image', width: size, height: size, aspect: false },
    encoding: {
      x: { field: 'col', type: 'nominal', sort: cols, title: options.xTitle, axis: { orient: 'top', labelAngle: 0, domain: false, ticks: false, grid: false } },
      y: { field: 'row', type: 'nominal', sort: rows, title: options.yTitle, axis: { domain: false, ticks: false, grid: false } },
      url: { field: 'url', type: 'nominal' },
    },
  };
}
