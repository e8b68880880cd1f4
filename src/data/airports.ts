// US airports and the flights between them, from the npm package vega-datasets (BSD-3-Clause):
// data/flights-airport.csv ("origin,destination,count": 5,366 routes with their number of
// flights) and data/airports.csv (IATA code, name, city, state, ...). Node only, read once.

import { nodeBuiltin } from '../core/node-builtin.js';
import { DataError } from './data-error.js';
import { packageFile } from './require.js';
import { parseEdgeList, type EdgeList } from './edge-list.js';

export interface AirportRoutes extends EdgeList {
  /** "Name, City, ST" by IATA code, for the codes in `labels`. */
  names: Map<string, string>;
}

let cached: AirportRoutes | null = null;

function vegaDatasetsFile(op: string, file: string): string {
  const fs = nodeBuiltin<typeof import('node:fs')>('node:fs');
  if (!fs) throw new DataError(`${op}: needs Node (it reads the vega-datasets package's files)`);
  return fs.readFileSync(packageFile(op, 'vega-datasets', `data/${file}`), 'utf8');
}

/** Minimal CSV fields of one line (airports.csv quotes fields that contain commas). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/**
 * The weighted route graph: node ids in order of first appearance, labels = IATA codes, one edge
 * origin -> destination per route weighted by its flight count.
 */
export function loadAirportRoutes(): AirportRoutes {
  if (cached) return cached;
  const op = 'loadAirportRoutes';
  const routes = parseEdgeList(vegaDatasetsFile(op, 'flights-airport.csv'), 'vega-datasets/data/flights-airport.csv');
  if (!routes.weights) throw new DataError(`${op}: flights-airport.csv has no count column`);
  const wanted = new Set(routes.labels);
  const names = new Map<string, string>();
  const lines = vegaDatasetsFile(op, 'airports.csv').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const f = csvFields(lines[i].trim());
    if (f.length >= 4 && wanted.has(f[0])) names.set(f[0], `${f[1]}, ${f[2]}, ${f[3]}`);
  }
  cached = { ...routes, names };
  return cached;
}
