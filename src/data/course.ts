// The course's fixed inputs, shipped with the package (src/data/course/README.md gives sources).
// JSON modules: Node 20.10+ and current browsers load them natively; bundlers inline them.

import backpropInit from './course/backprop-init.json' with { type: 'json' };
import bear from './course/bear.json' with { type: 'json' };
import heights from './course/heights.json' with { type: 'json' };

/** A polygon set as [xs, ys]; a null column lifts the pen (separates sub-polygons). */
export type PolygonColumns = [(number | null)[], (number | null)[]];

export interface BearData {
  whiteFur: PolygonColumns;
  blackFur: PolygonColumns;
  face: PolygonColumns;
  colors: Record<'bearWhite' | 'bearBlack' | 'magenta' | 'orange' | 'green' | 'white' | 'blue1' | 'blue2', { rgb: number[]; hex: string }>;
  draw: { shape: 'whiteFur' | 'blackFur' | 'face'; mode: 'fill' | 'stroke'; color: 'bearWhite' | 'bearBlack'; z: number }[];
}

export interface HeightsData {
  bins: number;
  binWidth: number;
  binLeftEdges: number[];
  frequencies: number[];
}

export interface BackpropInit {
  W1: number[][];
  W2: number[][];
  W3: number[][];
  b1: number[][];
  b2: number[][];
  b3: number[][];
}

/** Reflecting-bear polygons and the course's UI colours (LA-3). */
export const bearData = bear as unknown as BearData;
/** Heights histogram (MVC-4). */
export const heightsData = heights as unknown as HeightsData;
/** Initial weights of the 1-6-7-2 network (MVC-2). */
export const backpropInitData = backpropInit as unknown as BackpropInit;

/** The course's UI colours as hex strings. */
export const palette = Object.fromEntries(Object.entries(bearData.colors).map(([k, v]) => [k, v.hex])) as Record<
  keyof BearData['colors'],
  string
>;
