// ml.MLP: backward's gradients against central differences of the loss for every hidden activation
// and every output/loss pairing; float32 products against float64; learning XOR and a linear
// least-squares problem (against lstsq); seeded initialisation; bad input and divergence as typed
// errors.
import { describe, expect, it } from 'vitest';
import { ConvergenceError, LinAlgError, Matrix, NonFiniteError, ShapeError, lstsq } from '../../src/index.js';
import { MLP, type Activation, type Loss, type OutputActivation } from '../../src/ml/index.js';
import { Random } from '../../src/core/random.js';
import { errorOf, maxRelDiff } from '../helpers.js';

function randomMatrix(rows: number, cols: number, seed: number, scale = 1): Matrix {
  const r = new Random(seed);
  return new Matrix(rows, cols, r.fill(rows * cols, 'normal').map((v) => v * scale));
}

/** Targets fitting the loss: one-hot rows (softmax CE), 0/1 entries (sigmoid CE), reals (squared error). */
function targetsFor(output: OutputActivation, loss: Loss, rows: number, cols: number, seed: number): Matrix {
  const r = new Random(seed);
  const T = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    if (loss === 'cross-entropy' && output === 'softmax') T.data[i * cols + (r.nextUint32() % cols)] = 1;
    else for (let j = 0; j < cols; j++) T.data[i * cols + j] = loss === 'cross-entropy' ? r.nextUint32() % 2 : r.uniform();
  }
  return T;
}

/** max over all parameters of |analytic - numeric| / max(|analytic| + |numeric|, 1e-4). */
function gradientCheck(net: MLP, X: Matrix, T: Matrix): number {
  const g = net.backward(X, T);
  const h = 1e-5;
  let worst = 0;
  const check = (param: Float64Array, grad: Float64Array) => {
    for (let t = 0; t < param.length; t++) {
      const v = param[t];
      param[t] = v + h;
      const up = net.lossOf(X, T);
      param[t] = v - h;
      const down = net.lossOf(X, T);
      param[t] = v;
      const numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(grad[t] - numeric) / Math.max(Math.abs(grad[t]) + Math.abs(numeric), 1e-4));
    }
  };
  for (let l = 0; l < net.weights.length; l++) {
    expect(g.weights[l].rows).toBe(net.weights[l].rows);
    expect(g.weights[l].cols).toBe(net.weights[l].cols);
    check(net.weights[l].data, g.weights[l].data);
    check(net.biases[l], g.biases[l]);
  }
  expect(g.loss).toBeCloseTo(net.lossOf(X, T), 14);
  return worst;
}

describe('MLP gradients (central differences)', () => {
  const pairs: [OutputActivation, Loss][] = [
    ['softmax', 'cross-entropy'],
    ['sigmoid', 'cross-entropy'],
    ['identity', 'squared-error'],
    ['sigmoid', 'squared-error'],
    ['tanh', 'squared-error'],
    ['relu', 'squared-error'],
    ['softmax', 'squared-error'],
  ];
  const hidden: Activation[] = ['sigmoid', 'tanh', 'relu', 'identity'];
  for (const activation of hidden) {
    for (const [output, loss] of pairs) {
      it(`hidden ${activation}, output ${output}, ${loss}`, () => {
        // Two hidden layers so that δ passes through a hidden activation's derivative twice.
        const net = new MLP([4, 6, 5, 3], { activation, output, loss, seed: 3 });
        // Non-zero biases: the check must see them enter.
        net.biases.forEach((b, l) => b.set(randomMatrix(1, b.length, 50 + l, 0.3).data));
        const X = randomMatrix(7, 4, 11);
        const T = targetsFor(output, loss, 7, 3, 12);
        // Worst at the time of writing: 8.6e-8 (sigmoid hidden, softmax + cross-entropy).
        expect(gradientCheck(net, X, T)).toBeLessThan(1e-6);
      });
    }
  }

  it('mixed hidden activations per layer, class labels as targets', () => {
    const net = new MLP([5, 8, 6, 4, 3], { activation: ['tanh', 'relu', 'sigmoid'], seed: 9 });
    const X = randomMatrix(10, 5, 13);
    const labels = Int32Array.from({ length: 10 }, (_, i) => i % 3);
    const oneHot = new Matrix(10, 3);
    labels.forEach((c, i) => (oneHot.data[i * 3 + c] = 1));
    expect(gradientCheck(net, X, oneHot)).toBeLessThan(1e-6);
    const a = net.backward(X, labels);
    const b = net.backward(X, oneHot);
    for (let l = 0; l < 4; l++) expect(a.weights[l].equals(b.weights[l])).toBe(true);
  });

  it('float32 products: forward and gradients agree with float64 to float32 rounding', () => {
    const net64 = new MLP([20, 16, 4], { seed: 5 });
    const net32 = new MLP([20, 16, 4], { seed: 5, dtype: 'float32' });
    const X = randomMatrix(12, 20, 14);
    const labels = Int32Array.from({ length: 12 }, (_, i) => i % 4);
    expect(maxRelDiff(net32.forward(X), net64.forward(X))).toBeLessThan(1e-5);
    const g64 = net64.backward(X, labels);
    const g32 = net32.backward(X, labels);
    for (let l = 0; l < 2; l++) expect(maxRelDiff(g32.weights[l], g64.weights[l])).toBeLessThan(1e-4);
    // ... and differ: the float32 path is really taken.
    expect(net32.forward(X).equals(net64.forward(X))).toBe(false);
  });
});

describe('MLP training', () => {
  const xorX = Matrix.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const xorY = Int32Array.from([0, 1, 1, 0]);

  it('learns XOR with Adam (softmax + cross-entropy, tanh hidden)', () => {
    const net = new MLP([2, 8, 2], { activation: 'tanh', seed: 1 });
    const { losses } = net.train(xorX, xorY, { epochs: 500, batchSize: 4, optimizer: 'adam', learningRate: 0.05 });
    expect(Array.from(net.predictClasses(xorX))).toEqual([0, 1, 1, 0]);
    expect(net.accuracy(xorX, xorY)).toBe(1);
    expect(losses[losses.length - 1]).toBeLessThan(0.05);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
  });

  it('learns XOR with SGD + momentum (sigmoid output, squared error: the course network type)', () => {
    const net = new MLP([2, 6, 1], { activation: 'sigmoid', output: 'sigmoid', loss: 'squared-error', seed: 2 });
    net.train(xorX, [[0], [1], [1], [0]], { epochs: 3000, batchSize: 4, learningRate: 0.5, momentum: 0.9 });
    const out = net.predict(xorX).data;
    expect(out[0]).toBeLessThan(0.2);
    expect(out[1]).toBeGreaterThan(0.8);
    expect(out[2]).toBeGreaterThan(0.8);
    expect(out[3]).toBeLessThan(0.2);
  });

  it('a linear network with squared error converges to the least-squares solution', () => {
    const X = randomMatrix(40, 3, 21);
    const y = new Float64Array(40).map((_, i) => 1.5 * X.get(i, 0) - 2 * X.get(i, 1) + 0.5 * X.get(i, 2) + 0.7 + 0.1 * Math.sin(i));
    const net = new MLP([3, 1], { loss: 'squared-error', seed: 4 });
    net.train(X, new Matrix(40, 1, y), { epochs: 2000, batchSize: 40, learningRate: 0.1, momentum: 0.9, shuffle: false });
    const A = new Matrix(40, 4).map((_, i, j) => (j < 3 ? X.get(i, j) : 1));
    const ref = lstsq(A, y).x;
    const got = [...net.weights[0].data, net.biases[0][0]];
    expect(maxRelDiff(Float64Array.from(got), ref)).toBeLessThan(1e-8);
  });

  it('seeded: the same seed gives the same weights and the same training', () => {
    const a = new MLP([4, 5, 2], { seed: 7 });
    const b = new MLP([4, 5, 2], { seed: 7 });
    const c = new MLP([4, 5, 2], { seed: 8 });
    expect(a.weights[0].equals(b.weights[0])).toBe(true);
    expect(a.weights[0].equals(c.weights[0])).toBe(false);
    const X = randomMatrix(16, 4, 30);
    const y = Int32Array.from({ length: 16 }, (_, i) => i % 2);
    const la = a.train(X, y, { epochs: 3, batchSize: 5, seed: 3 }).losses;
    const lb = b.train(X, y, { epochs: 3, batchSize: 5, seed: 3 }).losses;
    expect(la).toEqual(lb);
    expect(a.parameterCount).toBe(4 * 5 + 5 + 5 * 2 + 2);
  });

  it('onEpoch sees every epoch and can stop training', () => {
    const net = new MLP([2, 3, 2], { seed: 1 });
    const seen: number[] = [];
    const r = net.train(xorX, xorY, { epochs: 10, onEpoch: (e) => (seen.push(e.epoch), e.epoch < 4) });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(r.epochs).toBe(4);
  });
});

describe('MLP bad input', () => {
  const net = new MLP([3, 4, 2], { seed: 1 });
  const X = randomMatrix(5, 3, 1);
  it('shapes and values that do not fit the network: typed errors', () => {
    expect(errorOf(() => net.forward(randomMatrix(5, 4, 1)))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => net.backward(X, new Matrix(5, 3)))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => net.backward(X, new Matrix(4, 2)))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => net.train(X, Int32Array.from([0, 1, 0])))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => net.train(X, Int32Array.from([0, 1, 0, 2, 1])))).toBeInstanceOf(LinAlgError);
    const bad = X.clone();
    bad.set(2, 1, NaN);
    const e = errorOf(() => net.forward(bad));
    expect(e).toBeInstanceOf(NonFiniteError);
    expect(e.message).toMatch(/\(2, 1\)/);
    const badY = new Matrix(5, 2);
    badY.set(0, 0, Infinity);
    expect(errorOf(() => net.train(X, badY))).toBeInstanceOf(NonFiniteError);
    expect(errorOf(() => new MLP([3]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => new MLP([3, 0, 2]))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => new MLP([3, 4, 2], { activation: ['relu', 'relu'] }))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => new MLP([3, 2], { output: 'identity' }))).toBeInstanceOf(TypeError); // cross-entropy needs probabilities
    expect(errorOf(() => new MLP([3, 2], { activation: 'gelu' as Activation }))).toBeInstanceOf(TypeError);
    expect(errorOf(() => net.train(X, Int32Array.from([0, 1, 0, 1, 1]), { batchSize: 0 }))).toBeInstanceOf(LinAlgError);
  });

  it('divergence: ConvergenceError naming the epoch, not NaN weights returned silently', () => {
    const reg = new MLP([3, 8, 1], { activation: 'relu', loss: 'squared-error', seed: 2 });
    const Y = randomMatrix(5, 1, 3, 100);
    const e = errorOf(() => reg.train(X, Y, { epochs: 200, batchSize: 5, learningRate: 10, momentum: 0.9 }));
    expect(e).toBeInstanceOf(ConvergenceError);
    expect(e.message).toMatch(/epoch \d+, batch 1/);
  });
});
