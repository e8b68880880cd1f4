// A multilayer perceptron: fully connected layers of any sizes, sigmoid / tanh / ReLU hidden units,
// a softmax + cross-entropy or a squared-error output, trained by mini-batch SGD with momentum or
// Adam. Samples are rows (batch x features), so a layer is Z = A W + b with W of shape in x out;
// every product (forward A W, backward Aᵀ δ and δ Wᵀ) is the engine's WASM gemm through matmul
// with transA / transB (no transposed copies), in float64 or, with { dtype: 'float32' }, float32.
//
// Losses are means over the batch: cross-entropy -Σ y log a / N (softmax: one class per row;
// sigmoid: independent binary labels), squared error ½ Σ (a - y)² / N (the course's cost without
// its factor 2). With softmax or sigmoid under cross-entropy, ∂L/∂z = (a - y) / N exactly.

import { ConvergenceError, LinAlgError, NonFiniteError, ShapeError } from '../core/errors.js';
import { Matrix, toMatrix, type MatrixLike } from '../core/matrix.js';
import { Random } from '../core/random.js';
import { matmul } from '../linalg/products.js';
import type { Dtype } from '../core/kernels/gemm.js';
import { ACTIVATIONS, OUTPUT_ACTIVATIONS, activate, multiplyByDerivative, type Activation, type OutputActivation } from './activations.js';

export type Loss = 'cross-entropy' | 'squared-error';

export interface MLPOptions {
  /** Hidden layers' activation, one for all or one per hidden layer (default 'relu'). */
  activation?: Activation | Activation[];
  /** Output activation: default 'softmax' for cross-entropy, 'identity' for squared error. */
  output?: OutputActivation;
  /** Default 'cross-entropy' (needs a softmax or sigmoid output). */
  loss?: Loss;
  /** Seed of the initial weights (default 42). */
  seed?: number;
  /** Precision of the products: 'float64' (default) or 'float32' (about twice as fast). */
  dtype?: Dtype;
}

/** Targets: a matrix (batch x outputs), or class labels 0..outputs-1 (one-hot inside). */
export type Targets = MatrixLike | Int32Array | number[];

export interface MLPGradients {
  /** Mean loss of the batch at the current parameters. */
  loss: number;
  /** ∂loss/∂W_l, same shapes as the weights. */
  weights: Matrix[];
  /** ∂loss/∂b_l. */
  biases: Float64Array[];
}

export interface EpochInfo {
  /** 1 for the first epoch. */
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  loss: number;
  /** Seconds the epoch took. */
  seconds: number;
}

export interface TrainOptions {
  epochs?: number;
  batchSize?: number;
  /** 'sgd' (with momentum, default) or 'adam'. */
  optimizer?: 'sgd' | 'adam';
  /** Default 0.1 for sgd, 0.001 for adam. */
  learningRate?: number;
  /** SGD momentum (default 0.9; 0: plain SGD). */
  momentum?: number;
  /** Adam's decay rates and epsilon (defaults 0.9, 0.999, 1e-8). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Seed of the batch shuffling (default 1); shuffle: false keeps the row order. */
  seed?: number;
  shuffle?: boolean;
  /** Called after every epoch; returning false stops training. */
  onEpoch?: (info: EpochInfo) => boolean | void;
}

export interface TrainResult {
  /** Mean training loss of each epoch. */
  losses: number[];
  epochs: number;
}

/** A fully connected feed-forward network. */
export class MLP {
  readonly sizes: readonly number[];
  /** Hidden activations, one per hidden layer. */
  readonly activations: readonly Activation[];
  readonly output: OutputActivation;
  readonly loss: Loss;
  readonly dtype: Dtype;
  /** W_l: sizes[l] x sizes[l+1]. Replace entries freely (shapes must stay). */
  readonly weights: Matrix[];
  /** b_l: sizes[l+1]. */
  readonly biases: Float64Array[];

  constructor(sizes: readonly number[], options: MLPOptions = {}) {
    const op = 'MLP';
    if (!Array.isArray(sizes) || sizes.length < 2) throw new ShapeError(`${op}: sizes must list at least an input and an output size, got ${JSON.stringify(sizes)}`);
    for (const s of sizes) if (!Number.isInteger(s) || s < 1) throw new ShapeError(`${op}: layer sizes must be positive integers, got ${JSON.stringify(sizes)}`);
    this.sizes = [...sizes];
    const hidden = sizes.length - 2;
    const act = options.activation ?? 'relu';
    const acts = Array.isArray(act) ? act : new Array<Activation>(hidden).fill(act);
    if (!Array.isArray(act) && !ACTIVATIONS.includes(act)) throw new TypeError(`${op}: activation must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(act)}`);
    if (acts.length !== hidden) throw new ShapeError(`${op}: ${acts.length} activations given for ${hidden} hidden layers`);
    for (const a of acts) if (!ACTIVATIONS.includes(a)) throw new TypeError(`${op}: activation must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(a)}`);
    this.activations = acts;
    this.loss = options.loss ?? 'cross-entropy';
    if (this.loss !== 'cross-entropy' && this.loss !== 'squared-error') throw new TypeError(`${op}: loss must be 'cross-entropy' or 'squared-error', got ${JSON.stringify(this.loss)}`);
    this.output = options.output ?? (this.loss === 'cross-entropy' ? 'softmax' : 'identity');
    if (!OUTPUT_ACTIVATIONS.includes(this.output)) throw new TypeError(`${op}: output must be one of ${OUTPUT_ACTIVATIONS.join(', ')}, got ${JSON.stringify(this.output)}`);
    if (this.loss === 'cross-entropy' && this.output !== 'softmax' && this.output !== 'sigmoid') {
      throw new TypeError(`${op}: cross-entropy needs a 'softmax' or 'sigmoid' output, got ${JSON.stringify(this.output)}`);
    }
    this.dtype = options.dtype ?? 'float64';
    if (this.dtype !== 'float64' && this.dtype !== 'float32') throw new TypeError(`${op}: dtype must be 'float64' or 'float32', got ${JSON.stringify(this.dtype)}`);
    // He initialisation before ReLU, Glorot otherwise: keeps the activations' variance per layer.
    const rng = new Random(options.seed ?? 42);
    this.weights = [];
    this.biases = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      const kind = l < hidden ? acts[l] : this.output;
      const std = kind === 'relu' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
      const w = rng.fill(fanIn * fanOut, 'normal');
      for (let t = 0; t < w.length; t++) w[t] *= std;
      this.weights.push(new Matrix(fanIn, fanOut, w));
      this.biases.push(new Float64Array(fanOut));
    }
  }

  /** Number of weights and biases. */
  get parameterCount(): number {
    let n = 0;
    for (let l = 0; l < this.weights.length; l++) n += this.weights[l].data.length + this.biases[l].length;
    return n;
  }

  /** The activation of layer l (0-based over the weight layers). */
  private kindOf(l: number): OutputActivation {
    return l < this.activations.length ? this.activations[l] : this.output;
  }

  private checkInput(op: string, X: MatrixLike): Matrix {
    const x = toMatrix(X, op, 'X');
    if (x.cols !== this.sizes[0]) throw new ShapeError(`${op}: X is ${x.rows}x${x.cols}, the network takes ${this.sizes[0]} inputs per row`);
    const d = x.data;
    for (let t = 0; t < d.length; t++) {
      if (!Number.isFinite(d[t])) throw new NonFiniteError(`${op}: X (${x.rows}x${x.cols}) has ${d[t]} at (${Math.floor(t / x.cols)}, ${t % x.cols})`);
    }
    return x;
  }

  private checkTargets(op: string, Y: Targets, rows: number): Matrix {
    const out = this.sizes[this.sizes.length - 1];
    if (Y instanceof Int32Array || (Array.isArray(Y) && (Y.length === 0 || typeof Y[0] === 'number'))) {
      const labels = Y as ArrayLike<number>;
      if (labels.length !== rows) throw new ShapeError(`${op}: ${labels.length} labels for ${rows} rows of X`);
      const T = new Matrix(rows, out);
      for (let i = 0; i < rows; i++) {
        const c = labels[i];
        if (!Number.isInteger(c) || c < 0 || c >= out) throw new LinAlgError(`${op}: label ${c} at [${i}] is not a class 0..${out - 1}`);
        T.data[i * out + c] = 1;
      }
      return T;
    }
    const T = toMatrix(Y as MatrixLike, op, 'Y');
    if (T.rows !== rows || T.cols !== out) throw new ShapeError(`${op}: Y is ${T.rows}x${T.cols}, expected ${rows}x${out} (rows of X x network outputs)`);
    for (let t = 0; t < T.data.length; t++) {
      if (!Number.isFinite(T.data[t])) throw new NonFiniteError(`${op}: Y (${T.rows}x${T.cols}) has ${T.data[t]} at (${Math.floor(t / T.cols)}, ${t % T.cols})`);
    }
    return T;
  }

  /** Every layer's output for a checked batch: [X, A_1, ..., A_L]. */
  private layerOutputs(x: Matrix): Matrix[] {
    const outs = [x];
    let a = x;
    for (let l = 0; l < this.weights.length; l++) {
      const z = matmul(a, this.weights[l], { dtype: this.dtype });
      const b = this.biases[l];
      const cols = z.cols;
      const d = z.data;
      for (let i = 0; i < z.rows; i++) {
        const off = i * cols;
        for (let j = 0; j < cols; j++) d[off + j] += b[j];
      }
      activate(this.kindOf(l), d, z.rows, cols);
      outs.push(z);
      a = z;
    }
    return outs;
  }

  /** The network's output for the rows of X (batch x outputs). */
  forward(X: MatrixLike): Matrix {
    const outs = this.layerOutputs(this.checkInput('MLP.forward', X));
    return outs[outs.length - 1];
  }

  /** Alias of forward. */
  predict(X: MatrixLike): Matrix {
    return this.forward(X);
  }

  /** The index of the largest output of each row (the predicted class). */
  predictClasses(X: MatrixLike): Int32Array {
    const A = this.forward(X);
    const out = new Int32Array(A.rows);
    for (let i = 0; i < A.rows; i++) {
      let best = 0;
      for (let j = 1; j < A.cols; j++) if (A.data[i * A.cols + j] > A.data[i * A.cols + best]) best = j;
      out[i] = best;
    }
    return out;
  }

  /** Fraction of rows whose predicted class is the label. */
  accuracy(X: MatrixLike, labels: ArrayLike<number>): number {
    const p = this.predictClasses(X);
    if (labels.length !== p.length) throw new ShapeError(`MLP.accuracy: ${labels.length} labels for ${p.length} rows of X`);
    let hits = 0;
    for (let i = 0; i < p.length; i++) if (p[i] === labels[i]) hits++;
    return p.length === 0 ? 0 : hits / p.length;
  }

  /** Mean loss of the network on (X, Y). */
  lossOf(X: MatrixLike, Y: Targets): number {
    const x = this.checkInput('MLP.lossOf', X);
    const T = this.checkTargets('MLP.lossOf', Y, x.rows);
    const outs = this.layerOutputs(x);
    return this.meanLoss(outs[outs.length - 1], T);
  }

  private meanLoss(A: Matrix, T: Matrix): number {
    const a = A.data;
    const y = T.data;
    let s = 0;
    if (this.loss === 'squared-error') {
      for (let t = 0; t < a.length; t++) s += (a[t] - y[t]) ** 2;
      return s / 2 / A.rows;
    }
    // log of a clamped at the smallest normal double: a probability that underflowed to 0 costs
    // about 708, not Infinity.
    const tiny = 2.2250738585072014e-308;
    if (this.output === 'softmax') {
      for (let t = 0; t < a.length; t++) if (y[t] !== 0) s -= y[t] * Math.log(Math.max(a[t], tiny));
    } else {
      for (let t = 0; t < a.length; t++) s -= y[t] * Math.log(Math.max(a[t], tiny)) + (1 - y[t]) * Math.log(Math.max(1 - a[t], tiny));
    }
    return s / A.rows;
  }

  /** The loss of the batch and its gradient with respect to every layer's weights and biases. */
  backward(X: MatrixLike, Y: Targets): MLPGradients {
    const x = this.checkInput('MLP.backward', X);
    return this.gradients(x, this.checkTargets('MLP.backward', Y, x.rows));
  }

  /** backward on checked input. */
  private gradients(x: Matrix, T: Matrix): MLPGradients {
    const outs = this.layerOutputs(x);
    const L = this.weights.length;
    const A = outs[L];
    const loss = this.meanLoss(A, T);
    const n = x.rows;
    // δ_L = ∂loss/∂Z_L.
    let delta = new Matrix(A.rows, A.cols);
    const d = delta.data;
    for (let t = 0; t < d.length; t++) d[t] = (A.data[t] - T.data[t]) / n;
    if (this.loss === 'squared-error') multiplyByDerivative(this.output, A.data, d, A.rows, A.cols);
    const gw = new Array<Matrix>(L);
    const gb = new Array<Float64Array>(L);
    for (let l = L - 1; l >= 0; l--) {
      gw[l] = matmul(outs[l], delta, { transA: true, dtype: this.dtype });
      const b = new Float64Array(delta.cols);
      for (let i = 0; i < delta.rows; i++) for (let j = 0; j < delta.cols; j++) b[j] += delta.data[i * delta.cols + j];
      gb[l] = b;
      if (l > 0) {
        const prev = matmul(delta, this.weights[l], { transB: true, dtype: this.dtype });
        multiplyByDerivative(this.kindOf(l - 1), outs[l].data, prev.data, prev.rows, prev.cols);
        delta = prev;
      }
    }
    return { loss, weights: gw, biases: gb };
  }

  /**
   * Mini-batch training; returns the mean loss of every epoch. A batch whose loss is NaN or
   * Infinity (diverged: learning rate too large) throws ConvergenceError naming epoch and batch.
   */
  train(X: MatrixLike, Y: Targets, options: TrainOptions = {}): TrainResult {
    const op = 'MLP.train';
    const x = this.checkInput(op, X);
    const T = this.checkTargets(op, Y, x.rows);
    const epochs = options.epochs ?? 10;
    const batchSize = options.batchSize ?? 32;
    const optimizer = options.optimizer ?? 'sgd';
    if (optimizer !== 'sgd' && optimizer !== 'adam') throw new TypeError(`${op}: optimizer must be 'sgd' or 'adam', got ${JSON.stringify(optimizer)}`);
    const lr = options.learningRate ?? (optimizer === 'sgd' ? 0.1 : 0.001);
    const momentum = options.momentum ?? 0.9;
    const beta1 = options.beta1 ?? 0.9;
    const beta2 = options.beta2 ?? 0.999;
    const eps = options.epsilon ?? 1e-8;
    if (!Number.isInteger(epochs) || epochs < 0) throw new LinAlgError(`${op}: epochs must be a non-negative integer, got ${String(epochs)}`);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new LinAlgError(`${op}: batchSize must be a positive integer, got ${String(batchSize)}`);
    if (!(lr > 0) || !Number.isFinite(lr)) throw new LinAlgError(`${op}: learningRate must be a positive finite number, got ${String(lr)}`);
    if (!(momentum >= 0 && momentum < 1)) throw new LinAlgError(`${op}: momentum must be in [0, 1), got ${String(momentum)}`);
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) throw new LinAlgError(`${op}: beta1, beta2 must be in [0, 1) and epsilon positive`);
    const n = x.rows;
    const inCols = x.cols;
    const outCols = T.cols;
    // Optimizer state, one buffer per parameter array: [W_0, b_0, W_1, b_1, ...].
    const params: Float64Array[] = [];
    for (let l = 0; l < this.weights.length; l++) params.push(this.weights[l].data, this.biases[l]);
    const m1 = params.map((p) => new Float64Array(p.length));
    const m2 = optimizer === 'adam' ? params.map((p) => new Float64Array(p.length)) : [];
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const rng = new Random(options.seed ?? 1);
    const losses: number[] = [];
    let step = 0;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const start = performance.now();
      if (options.shuffle ?? true) {
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(rng.uniform() * (i + 1));
          const t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
      }
      let total = 0;
      let batches = 0;
      for (let b0 = 0; b0 < n; b0 += batchSize) {
        const rows = Math.min(batchSize, n - b0);
        const xb = new Matrix(rows, inCols);
        const tb = new Matrix(rows, outCols);
        for (let i = 0; i < rows; i++) {
          const src = order[b0 + i];
          xb.data.set(x.data.subarray(src * inCols, (src + 1) * inCols), i * inCols);
          tb.data.set(T.data.subarray(src * outCols, (src + 1) * outCols), i * outCols);
        }
        const g = this.gradients(xb, tb);
        if (!Number.isFinite(g.loss)) {
          throw new ConvergenceError(`${op}: the loss is ${g.loss} at epoch ${epoch}, batch ${batches + 1}: training diverged (learningRate ${lr} too large?)`);
        }
        total += g.loss * rows;
        batches++;
        step++;
        const grads: Float64Array[] = [];
        for (let l = 0; l < this.weights.length; l++) grads.push(g.weights[l].data, g.biases[l]);
        if (optimizer === 'sgd') {
          for (let k = 0; k < params.length; k++) {
            const p = params[k];
            const v = m1[k];
            const gk = grads[k];
            for (let t = 0; t < p.length; t++) {
              v[t] = momentum * v[t] - lr * gk[t];
              p[t] += v[t];
            }
          }
        } else {
          const c1 = 1 / (1 - beta1 ** step);
          const c2 = 1 / (1 - beta2 ** step);
          for (let k = 0; k < params.length; k++) {
            const p = params[k];
            const mk = m1[k];
            const vk = m2[k];
            const gk = grads[k];
            for (let t = 0; t < p.length; t++) {
              const gt = gk[t];
              mk[t] = beta1 * mk[t] + (1 - beta1) * gt;
              vk[t] = beta2 * vk[t] + (1 - beta2) * gt * gt;
              p[t] -= (lr * mk[t] * c1) / (Math.sqrt(vk[t] * c2) + eps);
            }
          }
        }
      }
      const loss = n === 0 ? 0 : total / n;
      losses.push(loss);
      if (options.onEpoch?.({ epoch, loss, seconds: (performance.now() - start) / 1e3 }) === false) break;
    }
    return { losses, epochs: losses.length };
  }
}
