// The assignments that reproduce() knows, in the course order of ASSIGNMENTS.md.

import { LinAlgError } from '../core/errors.js';
import * as la1 from './linear-algebra/reproduce-special-matrices.js';
import * as la2 from './linear-algebra/reproduce-gram-schmidt.js';
import * as la3 from './linear-algebra/reproduce-reflecting-bear.js';
import * as la4 from './linear-algebra/reproduce-pagerank.js';
import * as mvc1 from './calculus/reproduce-sandpit.js';
import * as mvc2 from './calculus/reproduce-backpropagation.js';
import * as mvc3 from './calculus/reproduce-newton-raphson.js';
import * as mvc4 from './calculus/reproduce-heights.js';
import * as pca1 from './pca/reproduce-mean-covariance.js';
import * as pca2 from './pca/reproduce-distances-angles.js';
import * as pca3 from './pca/reproduce-projections.js';
import * as pca4 from './pca/reproduce-pca-mnist.js';
import * as mnistMlp from './mnist-mlp.js';
import type { Report, ReproduceOptions } from './report.js';

interface Assignment {
  NAME: string;
  TITLE: string;
  run(options: ReproduceOptions): Promise<Report>;
}

const ASSIGNMENTS: Assignment[] = [la1, la2, la3, la4, mvc1, mvc2, mvc3, mvc4, pca1, pca2, pca3, pca4, mnistMlp];

/** Names of the assignments that can be reproduced, in course order. */
export function assignmentNames(): string[] {
  return ASSIGNMENTS.map((a) => a.NAME);
}

/** Title of an assignment by its full name. */
export function assignmentTitle(name: string): string {
  return lookup(name).TITLE;
}

/** Thrown for a name that is neither an assignment nor a unique prefix of one. */
export class UnknownAssignmentError extends LinAlgError {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownAssignmentError';
  }
}

/** The assignment called `name`, or the only one whose name starts with it (e.g. 'la-3'). */
function lookup(name: string): Assignment {
  const exact = ASSIGNMENTS.find((a) => a.NAME === name);
  if (exact) return exact;
  const matches = ASSIGNMENTS.filter((a) => a.NAME.startsWith(name));
  if (matches.length === 1) return matches[0];
  const known = assignmentNames().join(', ');
  throw new UnknownAssignmentError(
    matches.length === 0 ? `unknown assignment '${name}' (known: ${known})` : `'${name}' is ambiguous: ${matches.map((a) => a.NAME).join(', ')}`,
  );
}

/** The full name for a name or unique prefix. */
export function resolveAssignment(name: string): string {
  return lookup(name).NAME;
}

/** Runs one whole assignment on its data: its numbers, and its figures written to `outDir`. */
export async function reproduce(name: string, options: ReproduceOptions = {}): Promise<Report> {
  return lookup(name).run(options);
}
