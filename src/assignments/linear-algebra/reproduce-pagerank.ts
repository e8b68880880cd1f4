// reproduce('la-4-pagerank'): the course's micro-internet through eig and power iteration, the
// "Geoff" sink and damping, a generated internet of 100 pages, and, beyond the course, the US
// airports ranked by flights with the engine's sparse PageRank (checked against the principal
// eigenvector of the dense Google matrix).

import { CsrMatrix } from '../../core/csr.js';
import { Matrix } from '../../core/matrix.js';
import { loadAirportRoutes } from '../../data/airports.js';
import { palette } from '../../data/course.js';
import { eig } from '../../linalg/eig.js';
import { matvec } from '../../linalg/products.js';
import { pageRank as mlPageRank } from '../../ml/pagerank.js';
import type { ChartSpec } from '../../plot/svg.js';
import { ReportBuilder, type Report, type ReproduceOptions } from '../report.js';
import { generateInternet, pageRankWithCount } from './pagerank.js';

export const NAME = 'la-4-pagerank';
export const TITLE = 'LA-4 PageRank';

const SITES6 = ['A', 'B', 'C', 'D', 'E', 'F'];
const SITES7 = [...SITES6, 'G'];

/** The micro-internet: L6[i][j] = probability of moving from page j to page i. */
export const L6 = [
  [0, 1 / 2, 1 / 3, 0, 0, 0],
  [1 / 3, 0, 0, 0, 1 / 2, 0],
  [1 / 3, 1 / 2, 0, 1, 0, 1 / 2],
  [1 / 3, 0, 1 / 3, 0, 1 / 2, 1 / 2],
  [0, 0, 0, 0, 0, 0],
  [0, 0, 1 / 3, 0, 0, 0],
];

/** "Geoff": columns A..E as in L6 plus a zero 7th row; F links to C, D and G; G only to itself. */
export const GEOFF = [
  [0, 1 / 2, 1 / 3, 0, 0, 0, 0],
  [1 / 3, 0, 0, 0, 1 / 2, 0, 0],
  [1 / 3, 1 / 2, 0, 1, 0, 1 / 3, 0],
  [1 / 3, 0, 1 / 3, 0, 1 / 2, 1 / 3, 0],
  [0, 0, 0, 0, 0, 0, 0],
  [0, 0, 1 / 3, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 1 / 3, 1],
];

/** M = d L + (1 - d)/n ones: the course's damped link matrix. */
export function dampedMatrix(L: Matrix, d: number): Matrix {
  const n = L.rows;
  return L.map((v) => d * v + (1 - d) / n);
}

/** The eigenvalues of M by decreasing modulus, and the eigenvector of the largest scaled to sum 100. */
export function principalEigenvector(M: Matrix): { re: number[]; im: number[]; vector: Float64Array } {
  const { values, vectors } = eig(M);
  const n = M.rows;
  const order = Array.from({ length: n }, (_, k) => k).sort(
    (a, b) => Math.hypot(values.re[b], values.im[b]) - Math.hypot(values.re[a], values.im[a]) || values.im[b] - values.im[a],
  );
  const top = order[0];
  const v = vectors.re.col(top);
  const sum = v.reduce((a, b) => a + b, 0);
  return { re: order.map((k) => values.re[k]), im: order.map((k) => values.im[k]), vector: v.map((x) => (100 * x) / sum) };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Page indices by decreasing rank (ties: lower index first). */
function ranking(r: ArrayLike<number>): number[] {
  return Array.from({ length: r.length }, (_, i) => i).sort((a, b) => r[b] - r[a] || a - b);
}

function barChart(title: string, values: { page: string; rank: number; series?: string }[], yTitle: string, grouped = false): ChartSpec {
  const colors = [palette.blue1, palette.orange, palette.magenta, palette.green];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: grouped ? 420 : Math.max(300, 24 * values.length),
    height: 260,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'page', type: 'nominal', sort: null, title: 'page', axis: { labelAngle: new Set(values.map((v) => v.page)).size > 12 ? -60 : 0 } },
      y: { field: 'rank', type: 'quantitative', title: yTitle },
      ...(grouped
        ? { xOffset: { field: 'series' }, color: { field: 'series', type: 'nominal', title: null, scale: { range: colors } } }
        : { color: { value: palette.blue1 } }),
    },
    config: { legend: { orient: 'bottom' } },
  } as ChartSpec;
}

export async function run(options: ReproduceOptions): Promise<Report> {
  const r = new ReportBuilder(NAME, TITLE, options);
  const quick = options.quick ?? false;

  // Micro-internet: eigenvalues, the principal eigenvector, and power iteration to it.
  const L = Matrix.from(L6);
  const e6 = principalEigenvector(L);
  r.vector('l6EigenvaluesRe', e6.re);
  r.vector('l6EigenvaluesIm', e6.im);
  r.vector('l6Eigenvector', e6.vector);
  r.vector('l6Ranking', ranking(e6.vector));
  let x: Float64Array = new Float64Array(6).fill(100 / 6);
  x = matvec(L, x);
  r.vector('l6OneStep', x);
  for (let k = 1; k < 100; k++) x = matvec(L, x);
  r.vector('l6HundredSteps', x);
  r.number('l6HundredStepsMaxDiff', maxAbsDiff(x, e6.vector));
  const pr6 = pageRankWithCount(L, 1);
  r.vector('l6PageRank', pr6.ranks);
  r.number('l6PageRankIterations', pr6.iterations);
  r.number('l6EigVsPowerMaxDiff', maxAbsDiff(pr6.ranks, e6.vector));
  await r.figure('micro-internet', barChart('Micro-internet: PageRank (d = 1) of pages A-F', SITES6.map((page, i) => ({ page, rank: pr6.ranks[i] })), 'rank (sum 100)'));

  // Geoff: the sink G captures the undamped rank; damping fixes it.
  const G = Matrix.from(GEOFF);
  const geoff1 = pageRankWithCount(G, 1);
  const geoffHalf = pageRankWithCount(G, 0.5);
  r.vector('geoffD1', geoff1.ranks);
  r.number('geoffD1Iterations', geoff1.iterations);
  r.vector('geoffD05', geoffHalf.ranks);
  r.number('geoffD05Iterations', geoffHalf.iterations);
  const eGeoff = principalEigenvector(dampedMatrix(G, 0.5));
  r.vector('geoffD05Eigenvector', eGeoff.vector);
  r.number('geoffD05EigVsPowerMaxDiff', maxAbsDiff(geoffHalf.ranks, eGeoff.vector));
  for (const d of [0.1, 0.85, 0.9]) {
    const key = `geoffD${String(d).replace('0.', '0')}`;
    const res = pageRankWithCount(G, d);
    r.vector(key, res.ranks);
    r.number(`${key}Iterations`, res.iterations);
  }
  await r.figure(
    'geoff',
    barChart(
      'Geoff: a sink page G, without damping (d = 1) and with d = 0.5',
      [
        ...SITES7.map((page, i) => ({ page, rank: geoff1.ranks[i], series: 'd = 1' })),
        ...SITES7.map((page, i) => ({ page, rank: geoffHalf.ranks[i], series: 'd = 0.5' })),
      ],
      'rank (sum 100)',
      true,
    ),
  );

  // A generated internet of 100 pages at d = 0.9, against the eigenvector of M.
  const I100 = generateInternet(100);
  let t = performance.now();
  const pr100 = pageRankWithCount(I100, 0.9);
  const tPower = performance.now() - t;
  t = performance.now();
  const e100 = principalEigenvector(dampedMatrix(I100, 0.9));
  const tEig = performance.now() - t;
  r.vector('internet100', pr100.ranks);
  r.number('internet100Iterations', pr100.iterations);
  r.number('internet100EigMaxDiff', maxAbsDiff(pr100.ranks, e100.vector));
  if (!quick) {
    r.number('internet100PowerMs', tPower);
    r.number('internet100EigMs', tEig);
  }
  await r.figure('internet-100', barChart('Generated internet of 100 pages: PageRank at d = 0.9', Array.from(pr100.ranks, (rank, i) => ({ page: String(i), rank })), 'rank (sum 100)'));

  // US airports weighted by flights: the sparse PageRank against the dense Google matrix's eigenvector.
  const routes = loadAirportRoutes();
  const A = CsrMatrix.fromEdges(routes.n, routes.src, routes.dst, routes.weights!);
  const pr = mlPageRank(A, { damping: 0.85, tol: 1e-12 });
  r.number('airports', routes.n);
  r.number('airportRoutes', routes.src.length);
  r.number('airportsIterations', pr.iterations);
  const order = ranking(pr.ranks);
  r.vector('airportsTop10', order.slice(0, 10).map((i) => pr.ranks[i]));
  r.number('airportsEigMaxDiff', maxAbsDiff(pr.ranks, googleEigenvector(A, 0.85)));
  const top = order.slice(0, 20).map((i) => ({ page: routes.labels[i], rank: pr.ranks[i] }));
  await r.figure('airports', barChart(`US airports by PageRank over ${routes.src.length} routes weighted by flights (top 20 of ${routes.n})`, top, 'rank (sum 1)'));
  return r.report();
}

/**
 * The dense Google matrix d (L D^-1 + w 1_dangling^T) + (1 - d)/n 1 1^T of a link matrix (uniform
 * teleport and dangling distribution, as ml.pageRank's defaults) and its principal eigenvector
 * scaled to sum 1.
 */
function googleEigenvector(links: CsrMatrix, d: number): Float64Array {
  const L = links.toDense();
  const n = L.rows;
  const out = L.sum(0);
  const M = L.map((v, _i, j) => d * (out[j] > 0 ? v / out[j] : 1 / n) + (1 - d) / n);
  return principalEigenvector(M).vector.map((v) => v / 100);
}
