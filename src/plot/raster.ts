// Images as rasters: greyscale digits (0 = black, 1 = white, as ASSIGNMENTS.md asks) and diverging
// maps for eigen-digits, enlarged by whole pixels (nearest neighbour) so that viewers that smooth
// scaled images still show sharp pixels; and grids of such tiles.

import type { Raster } from './png.js';

/** Greyscale raster of `values` (row-major width x height, clipped to [0, 1]), each pixel `zoom` x `zoom`. */
export function greyRaster(values: ArrayLike<number>, width: number, height: number, zoom = 1): Raster {
  const pixels = new Uint8Array(width * height * zoom * zoom);
  const W = width * zoom;
  for (let y = 0; y < height * zoom; y++) {
    for (let x = 0; x < W; x++) {
      const v = values[Math.floor(y / zoom) * width + Math.floor(x / zoom)];
      pixels[y * W + x] = Math.round(255 * Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)));
    }
  }
  return { width: W, height: height * zoom, channels: 1, pixels };
}

/** Negative, zero and positive ends of the diverging scale (the course's blue, white, orange). */
export const DIVERGING = { negative: [0x46, 0x65, 0x89], zero: [0xff, 0xff, 0xff], positive: [0xda, 0xab, 0x73] } as const;

/** RGB raster of signed `values`: -limit -> negative colour, 0 -> white, +limit -> positive colour. */
export function divergingRaster(values: ArrayLike<number>, width: number, height: number, limit: number, zoom = 1): Raster {
  const W = width * zoom;
  const H = height * zoom;
  const pixels = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = values[Math.floor(y / zoom) * width + Math.floor(x / zoom)];
      const t = limit > 0 ? Math.max(-1, Math.min(1, v / limit)) : 0;
      const end = t < 0 ? DIVERGING.negative : DIVERGING.positive;
      const a = Math.abs(t);
      for (let c = 0; c < 3; c++) pixels[(y * W + x) * 3 + c] = Math.round(DIVERGING.zero[c] * (1 - a) + end[c] * a);
    }
  }
  return { width: W, height: H, channels: 3, pixels };
}

/** Tiles (all the same size and channels) in a grid of `cols` columns, `gap` pixels apart on a `background` level. */
export function tileGrid(tiles: Raster[], cols: number, gap = 2, background = 255): Raster {
  const { width: w, height: h, channels } = tiles[0];
  const rows = Math.ceil(tiles.length / cols);
  const W = cols * w + (cols + 1) * gap;
  const H = rows * h + (rows + 1) * gap;
  const pixels = new Uint8Array(W * H * channels).fill(background);
  tiles.forEach((t, i) => {
    const x0 = gap + (i % cols) * (w + gap);
    const y0 = gap + Math.floor(i / cols) * (h + gap);
    for (let y = 0; y < h; y++) pixels.set(t.pixels.subarray(y * w * channels, (y + 1) * w * channels), ((y0 + y) * W + x0) * channels);
  });
  return { width: W, height: H, channels, pixels };
}
