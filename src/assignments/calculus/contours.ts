// Contour lines of a function sampled on a grid, by marching squares, as line segments for a
// Vega-Lite `rule` layer (Vega-Lite has no contour mark for gridded data). Shared by the sandpit
// (MVC-1) and the chi-squared landscape (MVC-4).

export interface Grid {
  xs: Float64Array;
  ys: Float64Array;
  /** values[j * xs.length + i] = f(xs[i], ys[j]). */
  values: Float64Array;
}

export interface Segment {
  level: number;
  x: number;
  y: number;
  x2: number;
  y2: number;
}

/** Samples f on the grid xs x ys. */
export function sampleGrid(f: (x: number, y: number) => number, xs: Float64Array, ys: Float64Array): Grid {
  const values = new Float64Array(xs.length * ys.length);
  for (let j = 0; j < ys.length; j++) for (let i = 0; i < xs.length; i++) values[j * xs.length + i] = f(xs[i], ys[j]);
  return { xs, ys, values };
}

/** from, from + step, ... up to `to` (inclusive, within rounding). */
export function range(from: number, to: number, step: number): Float64Array {
  const n = Math.floor((to - from) / step + 1e-9) + 1;
  return Float64Array.from({ length: n }, (_, k) => from + k * step);
}

/** `count` levels spaced evenly strictly inside (min, max), or logarithmically for positive data. */
export function levels(grid: Grid, count: number, spacing: 'linear' | 'log' = 'linear'): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of grid.values) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (spacing === 'log' && lo > 0) {
    const a = Math.log(lo);
    const b = Math.log(hi);
    return Array.from({ length: count }, (_, k) => Math.exp(a + ((k + 1) * (b - a)) / (count + 1)));
  }
  return Array.from({ length: count }, (_, k) => lo + ((k + 1) * (hi - lo)) / (count + 1));
}

/** The segments where the bilinear surface of each grid cell crosses `level`. */
export function contourSegments(grid: Grid, level: number): Segment[] {
  const { xs, ys, values } = grid;
  const nx = xs.length;
  const out: Segment[] = [];
  for (let j = 0; j + 1 < ys.length; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      // Corners counter-clockwise from (i, j): a = (i, j), b = (i+1, j), c = (i+1, j+1), d = (i, j+1).
      const corners: [number, number, number][] = [
        [xs[i], ys[j], values[j * nx + i]],
        [xs[i + 1], ys[j], values[j * nx + i + 1]],
        [xs[i + 1], ys[j + 1], values[(j + 1) * nx + i + 1]],
        [xs[i], ys[j + 1], values[(j + 1) * nx + i]],
      ];
      const crossings: [number, number][] = [];
      for (let e = 0; e < 4; e++) {
        const [x0, y0, v0] = corners[e];
        const [x1, y1, v1] = corners[(e + 1) % 4];
        if ((v0 < level) !== (v1 < level) && Number.isFinite(v0) && Number.isFinite(v1)) {
          const t = (level - v0) / (v1 - v0);
          crossings.push([x0 + t * (x1 - x0), y0 + t * (y1 - y0)]);
        }
      }
      // Two crossings: one segment; four (a saddle): pair them in edge order.
      for (let k = 0; k + 1 < crossings.length; k += 2) {
        out.push({ level, x: crossings[k][0], y: crossings[k][1], x2: crossings[k + 1][0], y2: crossings[k + 1][1] });
      }
    }
  }
  return out;
}
