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
export { svd, svdvals, type SvdOptions, type SvdResult } from './svd.js';
export { norm, cond, type VectorNormOrder, type MatrixNormOrder } from './norms.js';
export { matrixRank, pinv, lstsq, type LstsqResult } from './least-squares.js';
export { randomizedSvd, type RandomizedSvdOptions } from './randomized-svd.js';
export { eigh, eigvalsh, type EighOptions, type EighResult } from './eigh.js';
