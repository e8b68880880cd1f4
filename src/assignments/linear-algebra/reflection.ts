// LA-3 "Reflecting Bear": the reflection in a mirror that lies along the first vector of a 2-D
// basis, built as T = E diag(1, -1) Eᵀ with E the Gram-Schmidt basis (Eᵀ standing in for E⁻¹).

import { assertFiniteMatrix, assertShape } from '../../core/checks.js';
import { Matrix, toMatrix, type MatrixLike } from '../../core/matrix.js';
import { matmul } from '../../linalg/products.js';
import { gsBasis } from './gram-schmidt.js';

/** T = E diag(1, -1) Eᵀ for the 2x2 `basis` (vectors as columns). Never throws for finite input. */
export function buildReflectionMatrix(basis: MatrixLike): Matrix {
  const b = toMatrix(basis, 'buildReflectionMatrix', 'basis');
  assertShape('buildReflectionMatrix', 'basis', b, 2, 2);
  assertFiniteMatrix('buildReflectionMatrix', 'basis', b);
  const E = gsBasis(b);
  const TE = Matrix.diag([1, -1]);
  return matmul(matmul(E, TE), E.T);
}
