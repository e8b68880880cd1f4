// mml-wasm: the engine entry. Browser-safe: nothing here imports Node built-ins.
export { init, setThreads, type InitOptions } from './core/engine.js';
export { engineInfo, type EngineInfo } from './core/info.js';
export { Matrix, type MatrixLike, type VectorLike, type Operand } from './core/matrix.js';
export { CsrMatrix } from './core/csr.js';
export { Random } from './core/random.js';
export {
  LinAlgError,
  ShapeError,
  NonFiniteError,
  SingularMatrixError,
  NotPositiveDefiniteError,
  ConvergenceError,
  EngineError,
} from './core/errors.js';
export * from './linalg/index.js';
