// mml-wasm/assignments: the course's functions with the course's conventions, and reproduce().
export { linearAlgebra } from './linear-algebra/index.js';
export { calculus, type Network, type Activations, type Jacobians } from './calculus/index.js';
export { pca, type PcaResult, type SortedEigen } from './pca/index.js';
export { reproduce, assignmentNames, assignmentTitle, resolveAssignment, UnknownAssignmentError } from './registry.js';
export type { Report, ReproduceOptions } from './report.js';
