// Activation functions of the MLP, applied in place on row-major batches (one sample per row), and
// their derivatives written in terms of the activation's output a = φ(z), which is what the
// backward pass keeps (sigmoid' = a(1 - a), tanh' = 1 - a², relu' = [a > 0]).
// These are O(batch x width) elementwise loops: the O(batch x width x width) work is in the gemms.

/** Activations of hidden and output layers. */
export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'identity';
/** Output layers may also be softmax (row-wise). */
export type OutputActivation = Activation | 'softmax';

export const ACTIVATIONS: readonly Activation[] = ['sigmoid', 'tanh', 'relu', 'identity'];
export const OUTPUT_ACTIVATIONS: readonly OutputActivation[] = [...ACTIVATIONS, 'softmax'];

/** a = φ(z) in place; z is rows x cols row-major. */
export function activate(kind: OutputActivation, z: Float64Array, rows: number, cols: number): void {
  const n = rows * cols;
  switch (kind) {
    case 'sigmoid':
      for (let t = 0; t < n; t++) z[t] = 1 / (1 + Math.exp(-z[t]));
      return;
    case 'tanh':
      for (let t = 0; t < n; t++) z[t] = Math.tanh(z[t]);
      return;
    case 'relu':
      for (let t = 0; t < n; t++) if (z[t] < 0) z[t] = 0; // NaN stays NaN
      return;
    case 'identity':
      return;
    case 'softmax':
      softmaxRows(z, rows, cols);
      return;
  }
}

/** Row-wise softmax in place, shifted by each row's maximum (no overflow). */
export function softmaxRows(z: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (z[off + j] > max) max = z[off + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(z[off + j] - max);
      z[off + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) z[off + j] *= inv;
  }
}

/**
 * delta <- delta ⊙ φ'(z), with φ' written through a = φ(z). Softmax's Jacobian is not diagonal:
 * delta_i <- a_i (delta_i - Σ_j delta_j a_j) per row.
 */
export function multiplyByDerivative(kind: OutputActivation, a: Float64Array, delta: Float64Array, rows: number, cols: number): void {
  const n = rows * cols;
  switch (kind) {
    case 'sigmoid':
      for (let t = 0; t < n; t++) delta[t] *= a[t] * (1 - a[t]);
      return;
    case 'tanh':
      for (let t = 0; t < n; t++) delta[t] *= 1 - a[t] * a[t];
      return;
    case 'relu':
      for (let t = 0; t < n; t++) if (!(a[t] > 0)) delta[t] = 0;
      return;
    case 'identity':
      return;
    case 'softmax':
      for (let i = 0; i < rows; i++) {
        const off = i * cols;
        let s = 0;
        for (let j = 0; j < cols; j++) s += delta[off + j] * a[off + j];
        for (let j = 0; j < cols; j++) delta[off + j] = a[off + j] * (delta[off + j] - s);
      }
      return;
  }
}
