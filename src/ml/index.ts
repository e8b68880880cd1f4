// mml-wasm/ml: reusable algorithms (pageRank, pca, knn, gradient descent, MLP, curve fitting).
// The real data sets they are demonstrated on (MNIST digits) load from here too.
export { pageRank, type PageRankOptions, type PageRankResult } from './pagerank.js';
export { loadMnist, mnistFromRaw, DataError, MNIST_PIXELS, type Mnist } from '../data/mnist.js';
export { gradientDescent, newton, type GradientDescentOptions, type GradientDescentResult, type GradientStep, type NewtonOptions, type NewtonResult } from './optimize.js';
export { curveFit, type CurveFitMethod, type CurveFitOptions, type CurveFitResult, type ModelFunction, type ModelWithGradient } from './curve-fit.js';
export { MLP, type MLPOptions, type MLPGradients, type Loss, type Targets, type TrainOptions, type TrainResult, type EpochInfo } from './mlp.js';
export { type Activation, type OutputActivation } from './activations.js';
export { pca, AUTO_SVD_BELOW, type PcaOptions } from './pca.js';
export { PcaModel, type PcaMethod } from './pca-model.js';
export { IncrementalPca, type IncrementalPcaOptions } from './incremental-pca.js';
export { pairwiseDistances, type DistanceOptions } from './distances.js';
export { knn } from './knn.js';
