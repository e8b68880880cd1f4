// eig and eigvals: the general real eigenproblem (numpy.linalg.eig / eigvals, LAPACK dgeev), all
// O(n^3) work and every iteration in WASM (assembly/lapack/eig/): balancing, Hessenberg reduction,
// Francis double-shift QR (multishift with aggressive early deflation above n = 75) to the real
// Schur form, eigenvectors by back-substitution on it, balancing undone.
//
// Conventions:
// - Eigenvalues in the order of the real Schur form LAPACK computes (as numpy, not sorted);
//   complex conjugate pairs adjacent, the one with positive imaginary part first; the imaginary
//   parts of a pair are exact negatives of each other, and those of real eigenvalues exactly 0.
// - Column j of the vectors belongs to eigenvalue j; every column has unit 2-norm.
// - Sign and phase (the rule of src/linalg/signs.ts, extended to complex vectors; applied in WASM
//   by dgeevVectors in assembly/lapack/eig/geev.ts): a real eigenvector's entry of largest
//   absolute value is positive; the eigenvector of a complex eigenvalue with positive imaginary
//   part is multiplied by the unit complex number that makes its entry of largest modulus real and
//   positive; its partner's vector is then its exact complex conjugate. Ties: the first entry whose
//   modulus is within 16 ulps of the largest (entries equal in exact arithmetic, such as all the
//   entries of a cyclic permutation's Fourier vectors, give the first one whatever the rounding).
//   (LAPACK makes that entry real but leaves its sign; numpy returns LAPACK's vectors.)

import { ConvergenceError, LinAlgError } from '../core/errors.js';
import { eigKernel } from '../core/kernels/eig.js';
import { Matrix, type MatrixLike } from '../core/matrix.js';
import { squareMatrix } from './input.js';

/** Eigenvalues as real and imaginary parts. */
export interface EigValues {
  re: Float64Array;
  im: Float64Array;
}

/** Eigenvalues and right eigenvectors (column j of vectors belongs to values j). */
export interface EigResult {
  values: EigValues;
  vectors: { re: Matrix; im: Matrix };
}

/**
 * Eigenvalues and right eigenvectors of a general real square matrix: A v_j = w_j v_j, with
 * w_j = values.re[j] + i values.im[j] and v_j = column j of vectors.re + i vectors.im.
 * Conjugate pairs are adjacent (positive imaginary part first), columns have unit 2-norm, and
 * each vector's entry of largest modulus is real and positive. Defective matrices (Jordan blocks)
 * return nearly parallel vectors, never NaN. Throws ShapeError (not square), NonFiniteError (NaN or
 * Infinity), ConvergenceError (the QR iteration hit its cap, which LAPACK's shift strategy makes
 * very rare), LinAlgError (an eigenvalue's real or imaginary part beyond float64, possible only for
 * entries near 1e308).
 */
export function eig(A: MatrixLike): EigResult {
  const a = squareMatrix('eig', A);
  const n = a.rows;
  const { wr, wi, re, im, info } = eigKernel(n, a.data, true);
  if (info > 0) throw notConverged('eig', n, info);
  checkRange('eig', n, wr, wi);
  return { values: { re: wr, im: wi }, vectors: { re: new Matrix(n, n, re!), im: new Matrix(n, n, im!) } };
}

/** Eigenvalues only (no eigenvectors: cheaper, the Schur form is not completed). */
export function eigvals(A: MatrixLike): EigValues {
  const a = squareMatrix('eigvals', A);
  const n = a.rows;
  const { wr, wi, info } = eigKernel(n, a.data, false);
  if (info > 0) throw notConverged('eigvals', n, info);
  checkRange('eigvals', n, wr, wi);
  return { re: wr, im: wi };
}

function notConverged(op: string, n: number, info: number): ConvergenceError {
  return new ConvergenceError(
    `${op}: the QR iteration to the real Schur form (Francis double-shift QR, LAPACK dhseqr) did not converge ` +
      `for the ${n}x${n} matrix: eigenvalues 0..${info - 1} were not found within the iteration limit`,
  );
}

/**
 * The computation runs on A scaled into a safe range (exact powers of two); an eigenvalue whose
 * real or imaginary part exceeds float64 once scaled back would come out as Infinity (numpy
 * returns inf): a typed error instead, as svd does for its largest singular value.
 */
function checkRange(op: string, n: number, wr: Float64Array, wi: Float64Array): void {
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(wr[i]) || !Number.isFinite(wi[i])) {
      throw new LinAlgError(`${op}: eigenvalue ${i} of A (${n}x${n}) exceeds ${Number.MAX_VALUE} in its real or imaginary part; scale A down first`);
    }
  }
}
