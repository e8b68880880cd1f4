// The Multivariate Calculus course's functions, with the course's semantics (ASSIGNMENTS.md MVC-2..MVC-4;
// MVC-1's sandpit helpers stay inside its module).
import { cost, dSigma, jacobians, networkFunction, resetNetwork, sigma, trainingData } from './network.js';
import { dfdmu, dfdsig, f, heightsData, steepestStep } from './heights.js';
import { newtonRaphson } from './newton-raphson.js';

export type { Network, Activations, Jacobians } from './network.js';

export const calculus = {
  sigma,
  dSigma,
  resetNetwork,
  networkFunction,
  cost,
  jacobians,
  trainingData,
  heightsData,
  f,
  dfdmu,
  dfdsig,
  steepestStep,
  newtonRaphson,
};
