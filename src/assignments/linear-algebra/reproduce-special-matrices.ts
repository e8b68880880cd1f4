// reproduce('la-1-special-matrices'): the course's two matrices through the row reduction.

import { Matrix } from '../../core/matrix.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { reduceCopy } from './special-matrices.js';

export const NAME = 'la-1-special-matrices';
export const TITLE = 'LA-1 Identifying special matrices';

/** The course's two test matrices: A is singular, B is not (det -4). */
export const COURSE_A = [[2, 0, 0, 0], [0, 3, 0, 0], [0, 0, 4, 4], [0, 0, 5, 5]];
export const COURSE_B = [[0, 7, -5, 3], [2, 8, 0, 4], [3, 12, 0, 5], [1, 3, 1, 3]];

const STEPS = ['fixRowZero', 'fixRowOne', 'fixRowTwo', 'fixRowThree'];

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  const a = reduceCopy(COURSE_A);
  const b = reduceCopy(COURSE_B);
  r.number('isSingularA', a.singular);
  r.number('isSingularB', b.singular);
  b.states.forEach((state: Matrix, t: number) => r.matrix(`bAfter${STEPS[t][0].toUpperCase()}${STEPS[t].slice(1)}`, state));
  r.number('detA', a.det);
  r.number('detB', b.det);
  return r.report();
}
