// MNIST MLP 784-128-10 (ReLU, softmax + cross-entropy), mini-batch SGD with momentum (lr 0.1, 0.9),
// batch 64: the time of one epoch over 8,000 digits, ours (ml.MLP, float64 and float32 products)
// against the same network in @tensorflow/tfjs-core + tfjs-backend-wasm (XNNPACK SIMD, one thread:
// tf.variable weights, tf.train.momentum, optimizer.minimize, batches by tf.gather from one uploaded
// tensor). Full run: test accuracy on the other 2,000 digits after 10 epochs, each from its own
// fresh initialisation. brain.js is not compared: it depends on gpu.js, whose `gl` needs a native build.
// Both sides shuffle every epoch and copy the batch's rows (ours into the WASM gemm's operands).
import { MLP, loadMnist } from '../../dist/ml/index.js';
import { permutation, subset } from '../../dist/assignments/mnist-mlp.js';
import { Random } from '../../dist/core/random.js';
import { fmt, measureInterleaved, table } from '../harness.mjs';
import { loadTfjsWasm } from '../tfjs.mjs';

const BATCH = 64;
const LR = 0.1;
const MOMENTUM = 0.9;

/** The same MLP in tfjs: He-initialised hidden layer, Glorot output layer (as ml.MLP), seeded. */
function tfjsMlp(tf, X, y, seed) {
  const n = X.rows;
  const xs = tf.tensor2d(Float32Array.from(X.data), [n, 784]);
  const ys = tf.cast(tf.oneHot(tf.tensor1d(y, 'int32'), 10), 'float32');
  const W1 = tf.variable(tf.randomNormal([784, 128], 0, Math.sqrt(2 / 784), 'float32', seed));
  const b1 = tf.variable(tf.zeros([128]));
  const W2 = tf.variable(tf.randomNormal([128, 10], 0, Math.sqrt(2 / 138), 'float32', seed + 1));
  const b2 = tf.variable(tf.zeros([10]));
  const optimizer = tf.train.momentum(LR, MOMENTUM);
  const rng = new Random(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const logits = (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, W1), b1)), W2), b2);
  return {
    epoch() {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng.uniform() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (let b0 = 0; b0 < n; b0 += BATCH) {
        tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(b0, Math.min(n, b0 + BATCH)), 'int32');
          const xb = tf.gather(xs, idx);
          const yb = tf.gather(ys, idx);
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yb, logits(xb)), false, [W1, b1, W2, b2]);
        });
      }
      return W2.dataSync()[0]; // waits for the epoch (the wasm backend is synchronous anyway)
    },
    accuracy(Xt, yt) {
      return tf.tidy(() => {
        const pred = tf.argMax(logits(tf.tensor2d(Float32Array.from(Xt.data), [Xt.rows, 784])), 1).dataSync();
        let hits = 0;
        for (let i = 0; i < yt.length; i++) if (pred[i] === yt[i]) hits++;
        return hits / yt.length;
      });
    },
    dispose() {
      for (const t of [xs, ys, W1, b1, W2, b2]) t.dispose();
      optimizer.dispose();
    },
  };
}

function oursMlp(X, y, dtype, seed) {
  const net = new MLP([784, 128, 10], { activation: 'relu', dtype, seed });
  let epochSeed = seed;
  return {
    epoch: () => net.train(X, y, { epochs: 1, batchSize: BATCH, learningRate: LR, momentum: MOMENTUM, seed: epochSeed++ }).losses[0],
    accuracy: (Xt, yt) => net.accuracy(Xt, yt),
    net,
  };
}

export async function run({ quick }) {
  const tf = await loadTfjsWasm({ gradients: true });
  const { images, labels } = loadMnist();
  const perm = permutation(images.rows, 42);
  const trainSize = quick ? 1000 : 8000;
  const train = subset(images, labels, perm.subarray(0, trainSize));
  const test = subset(images, labels, perm.subarray(8000));

  const candidates = {
    ours64: oursMlp(train.X, train.y, 'float64', 42),
    ours32: oursMlp(train.X, train.y, 'float32', 42),
  };
  if (tf) candidates.tfjs = tfjsMlp(tf, train.X, train.y, 42);
  const fns = Object.fromEntries(Object.entries(candidates).map(([k, c]) => [k, c.epoch]));
  for (const fn of Object.values(fns)) fn(); // warm-up epoch: V8 and Liftoff -> TurboFan tier-up
  const t = measureInterleaved(fns, { quick, budget: quick ? 0 : 20 });
  candidates.tfjs?.dispose();

  const accuracy = {};
  if (!quick) {
    const epochs = 10;
    const fresh = { ours64: oursMlp(train.X, train.y, 'float64', 42), ours32: oursMlp(train.X, train.y, 'float32', 42) };
    if (tf) fresh.tfjs = tfjsMlp(tf, train.X, train.y, 42);
    for (const [name, c] of Object.entries(fresh)) {
      for (let e = 0; e < epochs; e++) c.epoch();
      accuracy[name] = c.accuracy(test.X, test.y);
      c.dispose?.();
    }
  }
  const label = { ours64: 'ours float64', ours32: 'ours float32', tfjs: 'tfjs-wasm (float32)' };
  const rows = Object.keys(fns).map((k) => [
    label[k],
    fmt.ms(t[k]),
    t.tfjs ? fmt.ratio(t.tfjs / t[k]) : 'n/a',
    k in accuracy ? `${(100 * accuracy[k]).toFixed(2)}%` : 'n/a',
  ]);
  const text = [
    `MNIST MLP 784-128-10, SGD momentum, batch ${BATCH}: one epoch over ${trainSize} digits, one thread` +
      (quick ? ' (quick: 1000 digits, no accuracy run)' : '; test accuracy on 2,000 digits after 10 epochs'),
    table(['', 'ms / epoch', 'tfjs-wasm time / this', 'test accuracy'], rows),
  ].join('\n');
  return {
    text,
    data: { trainSize, testSize: test.y.length, batch: BATCH, secondsPerEpoch: t, accuracyAfter10Epochs: accuracy, tfjs: Boolean(tf), brainjs: 'not compared: gpu.js needs the native `gl` build' },
  };
}
