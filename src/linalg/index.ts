// numpy.linalg-style functions: products, then factorizations and solvers.
export { matmul, matvec, gram, dot, outer, type MatmulOptions } from './products.js';
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
