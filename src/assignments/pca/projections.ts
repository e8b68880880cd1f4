// PCA-3 "Orthogonal projections": onto a line, P = b bᵀ / ‖b‖², and onto the column space of
// B (D x M), P = B (BᵀB)⁻¹ Bᵀ. The inverse is never formed: BᵀB (the engine's syrk) is solved by
// Cholesky, which also tells dependent columns apart (BᵀB not positive definite).

import { shapeOf } from '../../core/checks.js';
import { NotPositiveDefiniteError, ShapeError, SingularMatrixError } from '../../core/errors.js';
import { Matrix, type MatrixLike, type VectorLike } from '../../core/matrix.js';
import { cholesky } from '../../linalg/cholesky.js';
import { solveTriangular } from '../../linalg/triangular.js';
import { gram, matmul, matvec } from '../../linalg/products.js';
import { dataMatrix, finiteVector, isMatrixLike } from './input.js';

function lineVector(op: string, b: VectorLike): { v: Float64Array; bb: number } {
  const v = finiteVector(op, b, 'b');
  if (v.length === 0) throw new ShapeError(`${op}: b is empty`);
  let bb = 0;
  for (const t of v) bb += t * t;
  if (bb === 0) throw new SingularMatrixError(`${op}: b is the zero vector, it spans no line`);
  return { v, bb };
}

/** b bᵀ / ‖b‖²: the D x D projection onto the line through b. */
export function projectionMatrix1d(b: VectorLike): Matrix {
  const { v, bb } = lineVector('projectionMatrix1d', b);
  const n = v.length;
  const P = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) P[i * n + j] = (v[i] * v[j]) / bb;
  return new Matrix(n, n, P);
}

/** The projection of x onto the line through b: projectionMatrix1d(b) x. */
export function project1d(x: VectorLike, b: VectorLike): Float64Array {
  const { v } = lineVector('project1d', b);
  const p = finiteVector('project1d', x, 'x', v.length);
  return matvec(projectionMatrix1d(v), p);
}

/**
 * Columns this close to the span of the earlier ones (squared sine of the angle, relative to M eps)
 * count as dependent: Cholesky of BᵀB would still succeed, with a meaningless projection.
 */
const DEPENDENCE_FACTOR = 16;

/** (BᵀB)⁻¹ R for a right-hand side R with M rows: Cholesky of BᵀB, then two triangular solves. */
function gramSolve(op: string, basis: Matrix, rhs: Matrix): Matrix {
  const G = gram(basis);
  const m = G.rows;
  let L: Matrix;
  try {
    L = cholesky(G);
  } catch (error) {
    if (!(error instanceof NotPositiveDefiniteError)) throw error;
    L = Matrix.zeros(m, m);
  }
  // L[j][j]² / G[j][j] is sin² of the angle between column j and the span of columns 0..j-1.
  for (let j = 0; j < m; j++) {
    const ljj = L.data[j * m + j];
    if (!(ljj * ljj > DEPENDENCE_FACTOR * m * Number.EPSILON * G.data[j * m + j])) {
      throw new SingularMatrixError(`${op}: the columns of B (${shapeOf(basis)}) are linearly dependent (column ${j} lies in the span of the earlier ones): BᵀB is singular`);
    }
  }
  return solveTriangular(L, solveTriangular(L, rhs, { lower: true }), { lower: true, trans: true });
}

function basisMatrix(op: string, B: MatrixLike): Matrix {
  const basis = dataMatrix(op, B, 'B');
  if (basis.cols > basis.rows) throw new ShapeError(`${op}: B (${shapeOf(basis)}) has more columns than rows: its columns cannot be independent`);
  return basis;
}

/** (BᵀB)⁻¹ Bᵀ (M x D): P = B times this; `op` names the caller in errors. */
export function projectionFactor(op: string, B: MatrixLike): Matrix {
  const basis = basisMatrix(op, B);
  return gramSolve(op, basis, basis.T);
}

/** B (BᵀB)⁻¹ Bᵀ (D x D) for a D x M basis B with independent columns; `op` names the caller in errors. */
export function projectionOnto(op: string, B: MatrixLike): Matrix {
  const basis = basisMatrix(op, B);
  return matmul(basis, projectionFactor(op, basis));
}

/** The projection onto the column space of B (D x M, the basis vectors are its columns). */
export function projectionMatrixGeneral(B: MatrixLike): Matrix {
  return projectionOnto('projectionMatrixGeneral', B);
}

/**
 * The projection of x onto the column space of B: a vector (length D) gives a Float64Array, a
 * D x n Matrix (columns are points) a D x n Matrix. Computed as B ((BᵀB)⁻¹ (Bᵀ x)), equal to
 * projectionMatrixGeneral(B) x up to rounding without forming the D x D matrix.
 */
export function projectGeneral(x: VectorLike, B: MatrixLike): Float64Array;
export function projectGeneral(x: MatrixLike, B: MatrixLike): Matrix;
export function projectGeneral(x: VectorLike | MatrixLike, B: MatrixLike): Float64Array | Matrix {
  const basis = basisMatrix('projectGeneral', B);
  const vector = !isMatrixLike(x);
  const points = vector
    ? new Matrix(basis.rows, 1, finiteVector('projectGeneral', x as VectorLike, 'x', basis.rows))
    : dataMatrix('projectGeneral', x as MatrixLike, 'x');
  if (points.rows !== basis.rows) throw new ShapeError(`projectGeneral: x (${shapeOf(points)}) needs ${basis.rows} rows like B (${shapeOf(basis)})`);
  const coefficients = gramSolve('projectGeneral', basis, matmul(basis, points, { transA: true }));
  const p = matmul(basis, coefficients);
  return vector ? p.data : p;
}
