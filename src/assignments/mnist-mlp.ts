// reproduce('mnist-mlp'), beyond the course: the multilayer perceptron of MVC-2 at MNIST scale.
// An MLP 784-128-10 (ReLU hidden layer, softmax + cross-entropy) trained by mini-batch SGD with
// momentum on 8,000 of the mnist package's 10,000 digits, tested on the other 2,000. The digits
// come sorted by label, so the split is a seeded random permutation (seed 42, ASSIGNMENTS.md).
// Every product runs in the engine's WASM gemm (ml/mlp.ts).

import { Matrix } from '../core/matrix.js';
import { Random } from '../core/random.js';
import { loadMnist, MNIST_PIXELS } from '../data/mnist.js';
import { palette } from '../data/course.js';
import { MLP } from '../ml/mlp.js';
import type { ChartSpec } from '../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from './report.js';

export const NAME = 'mnist-mlp';
export const TITLE = 'MNIST digits by a multilayer perceptron (784-128-10)';

export const TRAIN_SIZE = 8000;
export const HIDDEN = 128;
export const BATCH_SIZE = 64;
export const LEARNING_RATE = 0.1;
export const MOMENTUM = 0.9;
/** Epochs of the full run; --quick trains QUICK_EPOCHS (about a second). */
export const EPOCHS = 10;
export const QUICK_EPOCHS = 2;

/** Progress comes through ReproduceOptions.onProgress, once per epoch. */
export type MnistMlpOptions = ReproduceOptions;

/** A seeded random permutation of 0..n-1 (Fisher-Yates). */
export function permutation(n: number, seed: number): Int32Array {
  const rng = new Random(seed);
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** Rows `idx` of the images and their labels. */
export function subset(images: Matrix, labels: Int32Array, idx: Int32Array): { X: Matrix; y: Int32Array } {
  const X = new Matrix(idx.length, MNIST_PIXELS);
  for (let i = 0; i < idx.length; i++) X.data.set(images.data.subarray(idx[i] * MNIST_PIXELS, (idx[i] + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
  return { X, y: Int32Array.from(idx, (k) => labels[k]) };
}

function curves(points: { epoch: number; value: number; series: string }[], title: string, yTitle: string, color: string): ChartSpec {
  return {
    title,
    width: 300,
    height: 220,
    data: { values: points },
    mark: { type: 'line', point: true, color },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: { zero: false } },
      strokeDash: { field: 'series', type: 'nominal', title: null },
    },
  };
}

export async function run(options: MnistMlpOptions = {}): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  const epochs = options.quick ? QUICK_EPOCHS : EPOCHS;
  const { images, labels } = loadMnist();
  const perm = permutation(images.rows, 42);
  const train = subset(images, labels, perm.subarray(0, TRAIN_SIZE));
  const test = subset(images, labels, perm.subarray(TRAIN_SIZE));
  const net = new MLP([MNIST_PIXELS, HIDDEN, 10], { activation: 'relu', seed: 42 });
  const trainLoss: number[] = [];
  const testLoss: number[] = [];
  const trainAccuracy: number[] = [];
  const testAccuracy: number[] = [];
  const seconds: number[] = [];
  net.train(train.X, train.y, {
    epochs,
    batchSize: BATCH_SIZE,
    optimizer: 'sgd',
    learningRate: LEARNING_RATE,
    momentum: MOMENTUM,
    seed: 42,
    onEpoch: ({ epoch, loss, seconds: s }) => {
      trainLoss.push(loss);
      seconds.push(s);
      testLoss.push(net.lossOf(test.X, test.y));
      trainAccuracy.push(net.accuracy(train.X, train.y));
      testAccuracy.push(net.accuracy(test.X, test.y));
      options.onProgress?.(
        epoch,
        epochs,
        `epoch ${epoch}/${epochs}: train loss ${loss.toFixed(4)}, test loss ${testLoss[epoch - 1].toFixed(4)}, ` +
          `test accuracy ${(100 * testAccuracy[epoch - 1]).toFixed(2)}% (${s.toFixed(2)} s)`,
      );
    },
  });
  r.number('trainSize', train.X.rows);
  r.number('testSize', test.X.rows);
  r.number('epochs', epochs);
  r.number('parameters', net.parameterCount);
  r.number('testAccuracy', testAccuracy[testAccuracy.length - 1]);
  r.number('trainAccuracy', trainAccuracy[trainAccuracy.length - 1]);
  r.vector('trainLossByEpoch', trainLoss);
  r.vector('testLossByEpoch', testLoss);
  r.vector('testAccuracyByEpoch', testAccuracy);
  r.vector('trainAccuracyByEpoch', trainAccuracy);
  r.vector('secondsByEpoch', seconds);
  // Confusion counts on the test set: row = true digit, column = predicted.
  const predicted = net.predictClasses(test.X);
  const confusion = new Matrix(10, 10);
  for (let i = 0; i < predicted.length; i++) confusion.data[test.y[i] * 10 + predicted[i]]++;
  r.matrix('confusion', confusion);

  const loss = [
    ...trainLoss.map((value, i) => ({ epoch: i + 1, value, series: 'train (mean over batches)' })),
    ...testLoss.map((value, i) => ({ epoch: i + 1, value, series: 'test' })),
  ];
  const acc = [
    ...trainAccuracy.map((value, i) => ({ epoch: i + 1, value: 100 * value, series: 'train' })),
    ...testAccuracy.map((value, i) => ({ epoch: i + 1, value: 100 * value, series: 'test' })),
  ];
  await r.figure('curves', {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `MLP 784-128-10 on ${train.X.rows} MNIST digits (SGD, batch ${BATCH_SIZE}, lr ${LEARNING_RATE}, momentum ${MOMENTUM})`,
    hconcat: [
      curves(loss, 'cross-entropy loss', 'loss', palette.magenta),
      curves(acc, `accuracy (test: ${(100 * testAccuracy[testAccuracy.length - 1]).toFixed(2)}% on ${test.X.rows})`, 'accuracy (%)', palette.blue1),
    ],
    config: { legend: { orient: 'bottom' } },
  });
  return r.report();
}
