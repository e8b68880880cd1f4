// The Linear Algebra course's functions, with the course's semantics (ASSIGNMENTS.md LA-1..LA-4).
import { dimensions, gsBasis, gsBasis4 } from './gram-schmidt.js';
import { buildReflectionMatrix } from './reflection.js';
import { generateInternet, pageRank } from './pagerank.js';
import { fixRowOne, fixRowThree, fixRowTwo, fixRowZero, isSingular } from './special-matrices.js';

export const linearAlgebra = {
  isSingular,
  fixRowZero,
  fixRowOne,
  fixRowTwo,
  fixRowThree,
  gsBasis,
  gsBasis4,
  dimensions,
  buildReflectionMatrix,
  pageRank,
  generateInternet,
};
