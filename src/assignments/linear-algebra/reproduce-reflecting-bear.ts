// reproduce('la-3-reflecting-bear'): the reflection matrix for the course's basis, and the
// figure of the bear, its reflection and the mirror.

import { Matrix } from '../../core/matrix.js';
import { bearData, palette, type PolygonColumns } from '../../data/course.js';
import { matmul } from '../../linalg/products.js';
import type { ChartSpec } from '../../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { gsBasis } from './gram-schmidt.js';
import { buildReflectionMatrix } from './reflection.js';

export const NAME = 'la-3-reflecting-bear';
export const TITLE = 'LA-3 Reflecting Bear';

/** The course's bear basis (vectors as columns): the mirror lies along [1, 1.5]. */
export const COURSE_BASIS = [[1, -1], [1.5, 2]];

/** A 2 x n matrix of a polygon set; null columns become NaN (they pass through products). */
export function polygonMatrix(columns: PolygonColumns): Matrix {
  const [xs, ys] = columns;
  return new Matrix(2, xs.length, Float64Array.from([...xs, ...ys], (v) => (v === null ? NaN : v)));
}

interface Vertex {
  piece: string;
  order: number;
  x: number;
  y: number;
}

/** Vertices of a 2 x n polygon matrix, split into pieces at NaN columns. */
function vertices(M: Matrix, label: string): Vertex[] {
  const out: Vertex[] = [];
  let piece = 0;
  for (let j = 0; j < M.cols; j++) {
    const x = M.get(0, j);
    const y = M.get(1, j);
    if (Number.isNaN(x) || Number.isNaN(y)) piece++;
    else out.push({ piece: `${label}-${piece}`, order: j, x, y });
  }
  return out;
}

const LIMIT = 3.5;
const xy = {
  x: { field: 'x', type: 'quantitative', scale: { domain: [-LIMIT, LIMIT], nice: false }, title: 'x' },
  y: { field: 'y', type: 'quantitative', scale: { domain: [-LIMIT, LIMIT], nice: false }, title: 'y' },
} as const;

/** Compass angle (degrees clockwise from up) of a vector, for rotating a triangle arrowhead. */
function headAngle(x: number, y: number): number {
  return (((90 - (Math.atan2(y, x) * 180) / Math.PI) % 360) + 360) % 360;
}

function mirrorFigure(basis: Matrix, E: Matrix, T: Matrix): ChartSpec {
  const e0 = E.col(0);
  const e1 = E.col(1);
  const halfPlane = [
    [-5 * e0[0], -5 * e0[1]],
    [-5 * e0[0] - 5 * e1[0], -5 * e0[1] - 5 * e1[1]],
    [5 * e0[0] - 5 * e1[0], 5 * e0[1] - 5 * e1[1]],
    [5 * e0[0], 5 * e0[1]],
  ].map(([x, y], order) => ({ x, y, order }));

  const arrows = [
    { kind: 'basis vectors b', v: basis.col(0) },
    { kind: 'basis vectors b', v: basis.col(1) },
    { kind: 'orthonormal basis E', v: e0 },
    { kind: 'orthonormal basis E', v: e1 },
  ].map(({ kind, v }, id) => ({ kind, id, x: v[0], y: v[1], angle: headAngle(v[0], v[1]) }));
  const shafts = arrows.flatMap((a) => [
    { kind: a.kind, id: a.id, order: 0, x: 0, y: 0 },
    { kind: a.kind, id: a.id, order: 1, x: a.x, y: a.y },
  ]);
  const mirror = [-5, 5].map((s, order) => ({ kind: 'mirror', id: -1, order, x: s * e0[0], y: s * e0[1] }));

  // The bear and its reflection, each shape in bear.json's draw order.
  const shapes = bearData.draw.map((d) => {
    const M = polygonMatrix(bearData[d.shape]);
    const values = [...vertices(M, `${d.shape}`), ...vertices(matmul(T, M), `${d.shape}-reflected`)];
    const color = palette[d.color];
    return {
      data: { values },
      mark: d.mode === 'fill' ? { type: 'line', fill: color, stroke: null, clip: true } : { type: 'line', stroke: color, strokeWidth: 1.5, clip: true },
      encoding: { ...xy, detail: { field: 'piece' }, order: { field: 'order' } },
    };
  });

  const legend = {
    field: 'kind',
    type: 'nominal',
    title: null,
    scale: {
      domain: ['mirror', 'basis vectors b', 'orthonormal basis E'],
      range: [palette.green, palette.orange, palette.magenta],
    },
  };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Reflecting Bear: T = E diag(1, -1) Eᵀ, mirror along b₀',
    width: 480,
    height: 480,
    config: { view: { fill: palette.blue1, stroke: null }, legend: { orient: 'bottom' } },
    layer: [
      {
        data: { values: halfPlane },
        mark: { type: 'line', fill: palette.blue2, stroke: null, clip: true },
        encoding: { ...xy, order: { field: 'order' } },
      },
      {
        data: { values: mirror },
        mark: { type: 'line', strokeWidth: 2.5, clip: true },
        encoding: { ...xy, color: legend, detail: { field: 'id' }, order: { field: 'order' } },
      },
      ...shapes,
      {
        data: { values: shafts },
        mark: { type: 'line', strokeWidth: 2.5, clip: true },
        encoding: { ...xy, color: legend, detail: { field: 'id' }, order: { field: 'order' } },
      },
      {
        data: { values: arrows },
        mark: { type: 'point', shape: 'triangle-up', filled: true, size: 140, opacity: 1, clip: true },
        encoding: { ...xy, color: legend, angle: { field: 'angle', type: 'quantitative', scale: null } },
      },
    ],
  } as ChartSpec;
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  const basis = Matrix.from(COURSE_BASIS);
  const E = gsBasis(basis);
  const T = buildReflectionMatrix(basis);
  r.matrix('E', E);
  r.matrix('T', T);
  r.number('detT', T.get(0, 0) * T.get(1, 1) - T.get(0, 1) * T.get(1, 0));
  const T2 = matmul(T, T).sub(Matrix.eye(2));
  r.number('reflectionError', Math.hypot(...T2.data));
  await r.figure('mirror', mirrorFigure(basis, E, T));
  return r.report();
}
