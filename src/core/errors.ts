// The error contract (DESIGN.md "Errors and bad input"): every failure of a linear-algebra
// function is a LinAlgError subclass whose message names the operation and the shapes involved.
// Engine-level failures (not ready, out of memory, a trap inside a kernel) are EngineError.
// Non-numeric input is a plain TypeError, as in numpy.

/** Base class of every linear-algebra failure (numpy.linalg.LinAlgError). */
export class LinAlgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinAlgError';
  }
}

/** Operand shapes do not fit the operation (e.g. 2x3 times 2x3). */
export class ShapeError extends LinAlgError {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** NaN or Infinity in an input of a function that would otherwise return a silently poisoned result. */
export class NonFiniteError extends LinAlgError {
  constructor(message: string) {
    super(message);
    this.name = 'NonFiniteError';
  }
}

/** The matrix is exactly or numerically singular where an inverse is needed. */
export class SingularMatrixError extends LinAlgError {
  constructor(message: string) {
    super(message);
    this.name = 'SingularMatrixError';
  }
}

/** Cholesky (or an SPD solver) met a matrix that is not positive definite. */
export class NotPositiveDefiniteError extends LinAlgError {
  constructor(message: string) {
    super(message);
    this.name = 'NotPositiveDefiniteError';
  }
}

/** An iterative method reached its iteration cap; the message names the step. */
export class ConvergenceError extends LinAlgError {
  constructor(message: string) {
    super(message);
    this.name = 'ConvergenceError';
  }
}

/**
 * The WebAssembly engine could not run: not initialised where synchronous start-up is not allowed,
 * out of memory, or a trap inside a kernel. The engine stays usable after it.
 */
export class EngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
  }
}
