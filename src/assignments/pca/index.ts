// The PCA course's functions, with the course's semantics (ASSIGNMENTS.md PCA-1..PCA-4): rows are
// samples, divisor N.
import { angle, distance, knn, pairwiseDistanceMatrix } from './distances.js';
import { eig, normalize, PCA, PCAHighDim, projectionMatrix } from './principal-components.js';
import { project1d, projectGeneral, projectionMatrix1d, projectionMatrixGeneral } from './projections.js';
import { affineCovariance, affineMean, cov, mean } from './statistics.js';

export type { PcaResult, SortedEigen } from './principal-components.js';

export const pca = {
  mean,
  cov,
  affineMean,
  affineCovariance,
  distance,
  angle,
  pairwiseDistanceMatrix,
  knn,
  projectionMatrix1d,
  project1d,
  projectionMatrixGeneral,
  projectGeneral,
  normalize,
  eig,
  projectionMatrix,
  PCA,
  PCAHighDim,
};
