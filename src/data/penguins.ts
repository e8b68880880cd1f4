// Palmer penguins (Gorman, Williams & Fraser 2014; CC0) from the npm package vega-datasets
// (data/penguins.json, 344 rows). Rows with a missing measurement or sex are dropped: 2 rows
// lack all four measurements, 9 more lack the sex, one of them written "." instead of null,
// which leaves 333 complete rows (the usual "penguins.dropna()" set).

import { Matrix } from '../core/matrix.js';
import { DataError } from './data-error.js';
import { nodeRequire, packageFile } from './require.js';

export const PENGUIN_FEATURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'] as const;
export const PENGUIN_SPECIES = ['Adelie', 'Chinstrap', 'Gentoo'] as const;

export interface Penguins {
  /** rows x 4 in the order of PENGUIN_FEATURES. */
  features: Matrix;
  /** 0 Adelie, 1 Chinstrap, 2 Gentoo. */
  labels: Int32Array;
  /** 'MALE' or 'FEMALE' per row. */
  sex: string[];
  island: string[];
  /** Rows of the source file that were dropped for a missing value. */
  dropped: number;
}

type Row = Record<string, string | number | null>;

let cached: Penguins | null = null;

/** The complete rows of the penguins data (Node only; read once per process). */
export function loadPenguins(): Penguins {
  if (cached) return cached;
  const req = nodeRequire('loadPenguins');
  let rows: Row[];
  try {
    rows = req(packageFile('loadPenguins', 'vega-datasets', 'data/penguins.json')) as Row[];
  } catch (error) {
    throw new DataError(`loadPenguins: cannot read data/penguins.json of the npm package "vega-datasets" (a dependency: run npm install): ${(error as Error).message}`);
  }
  const complete = rows.filter(
    (r) => PENGUIN_FEATURES.every((f) => typeof r[f] === 'number' && Number.isFinite(r[f])) && (r.Sex === 'MALE' || r.Sex === 'FEMALE'),
  );
  const labels = Int32Array.from(complete, (r) => {
    const s = PENGUIN_SPECIES.indexOf(r.Species as (typeof PENGUIN_SPECIES)[number]);
    if (s < 0) throw new DataError(`loadPenguins: unknown species ${JSON.stringify(r.Species)}`);
    return s;
  });
  cached = {
    features: Matrix.from(complete.map((r) => PENGUIN_FEATURES.map((f) => r[f] as number))),
    labels,
    sex: complete.map((r) => r.Sex as string),
    island: complete.map((r) => r.Island as string),
    dropped: rows.length - complete.length,
  };
  return cached;
}
