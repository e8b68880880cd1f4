// numpy.linalg-style functions: products, factorizations and solvers.
export { matmul, matvec, gram, dot, outer, type MatmulOptions } from './products.js';
export { lu, type LuResult } from './lu.js';
export { solve, inv, type SolveOptions } from './solve.js';
export { det, slogdet, type Slogdet } from './det.js';
export { cholesky, choSolve } from './cholesky.js';
export { solveTriangular, type TriangularOptions } from './triangular.js';
export {
  qr,
  type QrOptions,
  type QrMode,
  type QrResult,
  type QrPivotedResult,
  type QrROnlyResult,
  type QrROnlyPivotedResult,
  type QrAnyResult,
} from './qr.js';
export { eig, eigvals, type EigResult, type EigValues } from './eig.js';
