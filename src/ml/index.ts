// mml-wasm/ml: reusable algorithms (pageRank, pca, knn, gradient descent, MLP, curve fitting).
// They arrive with Steps 4-7 of the roadmap; the entry exists so that its import path is stable.
export { pageRank, type PageRankOptions, type PageRankResult } from './pagerank.js';
