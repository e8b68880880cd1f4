// reproduce('la-2-gram-schmidt'): the course matrices through gsBasis, gsBasis4 and dimensions.

import { Matrix } from '../../core/matrix.js';
import { matmul } from '../../linalg/products.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { dimensions, gsBasis, gsBasis4 } from './gram-schmidt.js';

export const NAME = 'la-2-gram-schmidt';
export const TITLE = 'LA-2 Gram-Schmidt process';

export const COURSE_MATRICES: Record<'V' | 'A' | 'B' | 'C', number[][]> = {
  V: [[1, 0, 2, 6], [0, 1, 8, 2], [2, 8, 3, 1], [1, -6, 2, 3]],
  A: [[3, 2, 3], [2, 5, -1], [2, 4, 8], [12, 2, 1]],
  B: [[6, 2, 1, 7, 5], [2, 8, 5, -4, 1], [1, -6, 3, 2, 8]],
  C: [[1, 0, 2], [0, 1, -3], [1, 0, 2]],
};

/** Frobenius norm of QᵀQ - I over the non-zero columns of Q. */
export function orthogonalityError(Q: Matrix): number {
  const keep: number[] = [];
  for (let j = 0; j < Q.cols; j++) if (Q.col(j).some((v) => v !== 0)) keep.push(j);
  const Qk = new Matrix(Q.rows, keep.length).map((_, i, j) => Q.get(i, keep[j]));
  const G = matmul(Qk, Qk, { transA: true });
  let s = 0;
  for (let i = 0; i < G.rows; i++) for (let j = 0; j < G.cols; j++) s += (G.get(i, j) - (i === j ? 1 : 0)) ** 2;
  return Math.sqrt(s);
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  for (const [key, M] of Object.entries(COURSE_MATRICES)) {
    const Q = gsBasis(M);
    r.matrix(`gsBasis${key}`, Q);
    r.number(`dimensions${key}`, dimensions(M));
    r.number(`orthogonalityError${key}`, orthogonalityError(Q));
  }
  r.matrix('gsBasis4V', gsBasis4(COURSE_MATRICES.V));
  return r.report();
}
