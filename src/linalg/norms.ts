// Vector and matrix norms (numpy.linalg.norm) and condition numbers (numpy.linalg.cond).

import { ShapeError, SingularMatrixError } from '../core/errors.js';
import { Matrix, toVector, type MatrixLike, type VectorLike } from '../core/matrix.js';
import { finiteMatrix } from './input.js';
import { inv } from './solve.js';
import { svdvals } from './svd.js';

export type VectorNormOrder = number;
export type MatrixNormOrder = 1 | -1 | 2 | -2 | typeof Infinity | typeof Number.NEGATIVE_INFINITY | 'fro' | 'nuc';

function isMatrixInput(x: VectorLike | MatrixLike): x is MatrixLike {
  return x instanceof Matrix || (Array.isArray(x) && x.length > 0 && Array.isArray(x[0]));
}

/** Euclidean norm without overflow or underflow in the squares (scaled sum, as LAPACK dnrm2). */
export function norm2(v: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const t = v[i] / scale;
    sum += t * t;
  }
  return scale * Math.sqrt(sum);
}

function vectorNorm(v: Float64Array, ord: number): number {
  if (typeof ord !== 'number' || Number.isNaN(ord)) throw new TypeError(`norm: invalid order ${String(ord)} for a vector`);
  if (v.length === 0) return 0;
  if (ord === 2) return norm2(v);
  if (ord === Infinity) return v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (ord === -Infinity) return v.reduce((m, x) => Math.min(m, Math.abs(x)), Infinity);
  if (ord === 0) return v.reduce((c, x) => c + (x !== 0 ? 1 : 0), 0);
  if (ord === 1) return v.reduce((s, x) => s + Math.abs(x), 0);
  // General p: scaled by the largest magnitude to avoid overflow (as numpy's result, without its overflow).
  const scale = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (scale === 0) return ord > 0 ? 0 : v.some((x) => x === 0) ? 0 : Infinity;
  let sum = 0;
  for (const x of v) sum += (Math.abs(x) / scale) ** ord;
  return scale * sum ** (1 / ord);
}

function matrixNorm(a: Matrix, ord: MatrixNormOrder): number {
  const { rows: m, cols: n, data } = a;
  switch (ord) {
    case 'fro':
      return norm2(data);
    case 'nuc':
      return m === 0 || n === 0 ? 0 : svdvals(a).reduce((s, x) => s + x, 0);
    case 2:
    case -2: {
      if (m === 0 || n === 0) throw new ShapeError(`norm: the ${ord}-norm of an empty ${m}x${n} matrix is undefined`);
      const s = svdvals(a);
      return ord === 2 ? s[0] : s[s.length - 1];
    }
    case 1:
    case -1:
    case Infinity:
    case -Infinity: {
      const byColumns = ord === 1 || ord === -1;
      const sums = new Float64Array(byColumns ? n : m);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) sums[byColumns ? j : i] += Math.abs(data[i * n + j]);
      if (sums.length === 0) throw new ShapeError(`norm: the ${ord}-norm of an empty ${m}x${n} matrix is undefined`);
      return ord > 0 ? Math.max(...sums) : Math.min(...sums);
    }
    default:
      throw new TypeError(`norm: invalid order ${JSON.stringify(ord)} for a matrix (1, -1, 2, -2, Infinity, -Infinity, 'fro', 'nuc')`);
  }
}

/**
 * numpy.linalg.norm: for a vector (Float64Array or number[]) the p-norm (default 2; 0 counts
 * non-zeros, ±Infinity the max/min magnitude); for a matrix (Matrix or number[][]) 'fro'
 * (default), 'nuc', 1, -1, 2, -2, Infinity, -Infinity.
 */
export function norm(x: VectorLike, ord?: VectorNormOrder): number;
export function norm(x: MatrixLike, ord?: MatrixNormOrder): number;
export function norm(x: VectorLike | MatrixLike, ord?: VectorNormOrder | MatrixNormOrder): number {
  if (isMatrixInput(x)) return matrixNorm(finiteMatrix('norm', x), (ord ?? 'fro') as MatrixNormOrder);
  return vectorNorm(toVector(x as VectorLike, 'norm', 'x'), (ord ?? 2) as number);
}

/**
 * numpy.linalg.cond: sigma_max / sigma_min for p = 2 (default) or -2 inverted; for 1, -1,
 * Infinity, -Infinity, 'fro' and 'nuc', norm(A, p) * norm(inv(A), p) (square A). A singular
 * matrix has condition Infinity.
 */
export function cond(A: MatrixLike, p: MatrixNormOrder = 2): number {
  const a = finiteMatrix('cond', A);
  if (p === 2 || p === -2) {
    if (a.rows === 0 || a.cols === 0) throw new ShapeError(`cond: the condition number of an empty ${a.rows}x${a.cols} matrix is undefined`);
    const s = svdvals(a);
    const ratio = s[0] / s[s.length - 1];
    const r = p === 2 ? ratio : 1 / ratio;
    return Number.isNaN(r) ? Infinity : r;
  }
  if (a.rows !== a.cols) throw new ShapeError(`cond: A must be square for p = ${String(p)}, got ${a.rows}x${a.cols}`);
  try {
    return matrixNorm(a, p) * matrixNorm(inv(a, { rcondThreshold: 0 }), p);
  } catch (error) {
    if (error instanceof SingularMatrixError) return Infinity;
    throw error;
  }
}

