// Input checks shared by the public functions (DESIGN.md: check before the engine sees the data).

import { NonFiniteError, ShapeError } from './errors.js';
import type { Matrix } from './matrix.js';

/** "3x4": how error messages name a matrix shape. */
export function shapeOf(m: Matrix): string {
  return `${m.rows}x${m.cols}`;
}

/** Throws NonFiniteError naming the first NaN or Infinity of a matrix. */
export function assertFiniteMatrix(op: string, name: string, m: Matrix): void {
  const a = m.data;
  for (let t = 0; t < a.length; t++) {
    if (!Number.isFinite(a[t])) {
      const i = Math.floor(t / m.cols);
      throw new NonFiniteError(`${op}: ${name} (${shapeOf(m)}) has ${a[t]} at (${i}, ${t - i * m.cols})`);
    }
  }
}

/** Throws NonFiniteError naming the first NaN or Infinity of a vector. */
export function assertFiniteVector(op: string, name: string, v: Float64Array): void {
  for (let t = 0; t < v.length; t++) {
    if (!Number.isFinite(v[t])) throw new NonFiniteError(`${op}: ${name} (length ${v.length}) has ${v[t]} at [${t}]`);
  }
}

/** Throws ShapeError unless m is rows x cols (a dimension given as null is free). */
export function assertShape(op: string, name: string, m: Matrix, rows: number | null, cols: number | null): void {
  if ((rows !== null && m.rows !== rows) || (cols !== null && m.cols !== cols)) {
    throw new ShapeError(`${op}: ${name} must be ${rows ?? 'any'}x${cols ?? 'any'}, got ${shapeOf(m)}`);
  }
}
