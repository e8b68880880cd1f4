// Solvers and factorizations, f64, one thread: solve (LU + condition estimate + substitution),
// lu, cholesky, inv and det, against numpy (one OpenBLAS thread), ml-matrix and mathjs, in
// alternating rounds (ratios compare rounds taken at the same moments).
import { cholesky, det, gram, inv, lu, Matrix, solve } from '../../dist/index.js';
import { fmt, measure, measureInterleaved, optionalImport, table, warmUp } from '../harness.mjs';
import { numpyAvailable, numpySeconds } from '../numpy.mjs';

const ml = await optionalImport('ml-matrix');
const math = await optionalImport('mathjs');

function cases(n) {
  const A = Matrix.random(n, n, { seed: 1, distribution: 'normal' });
  const b = Matrix.random(n, 1, { seed: 2, distribution: 'normal' }).data;
  const S = gram(A).add(Matrix.eye(n).scale(n));
  const a2 = A.toArray();
  const s2 = S.toArray();
  const b2 = Array.from(b, (v) => [v]);
  const setup = `import scipy.linalg as sl\nn = ${n}; rng = np.random.default_rng(1); A = rng.standard_normal((n, n)); b = rng.standard_normal(n); S = A.T @ A + n * np.eye(n)`;
  return [
    {
      name: `solve ${n}x${n}`,
      ours: () => solve(A, b),
      ml: ml && (() => ml.solve(new ml.Matrix(a2), new ml.Matrix(b2))),
      mathjs: math && (() => math.lusolve(a2, b2)),
      numpy: [setup, 'np.linalg.solve(A, b)'],
    },
    {
      name: `lu ${n}x${n}`,
      ours: () => lu(A),
      ml: ml && (() => new ml.LuDecomposition(new ml.Matrix(a2))),
      mathjs: math && (() => math.lup(a2)),
      numpy: [setup, 'sl.lu(A)'],
    },
    {
      name: `cholesky ${n}x${n}`,
      ours: () => cholesky(S),
      ml: ml && (() => new ml.CholeskyDecomposition(new ml.Matrix(s2))),
      mathjs: null,
      numpy: [setup, 'np.linalg.cholesky(S)'],
    },
    {
      name: `inv ${n}x${n}`,
      ours: () => inv(A),
      ml: ml && (() => ml.inverse(new ml.Matrix(a2))),
      mathjs: math && (() => math.inv(a2)),
      numpy: [setup, 'np.linalg.inv(A)'],
    },
    {
      name: `det ${n}x${n}`,
      ours: () => det(A),
      ml: ml && (() => ml.determinant(new ml.Matrix(a2))),
      mathjs: math && (() => math.det(a2)),
      numpy: [setup, 'np.linalg.det(A)'],
    },
  ];
}

export async function run({ quick }) {
  const sizes = quick ? [100] : [300, 1000];
  const rows = [];
  const data = [];
  for (const n of sizes) {
    for (const c of cases(n)) {
      warmUp(c.ours, 3);
      const candidates = { ours: c.ours };
      // The peers need a large part of a second (ml-matrix) to many seconds (mathjs) at n = 1000.
      if (c.ml) candidates.ml = c.ml;
      if (c.mathjs && n <= 300) candidates.mathjs = c.mathjs;
      for (const [k, fn] of Object.entries(candidates)) if (k !== 'ours') warmUp(fn, 1);
      const t = measureInterleaved(candidates, { quick, budget: quick ? 0 : 4 });
      // numpy runs in its own process: time it between two measurements of ours and compare with the better.
      const np = numpyAvailable() && !quick ? numpySeconds(c.numpy[0], { t: c.numpy[1] })?.t ?? null : null;
      const oursAfter = np !== null ? measure(c.name, c.ours, { quick, short: true }).seconds : Infinity;
      const ours = Math.min(t.ours, oursAfter);
      const vs = (peer) => (peer ? fmt.ratio(peer / ours) : 'n/a');
      rows.push([c.name, fmt.ms(ours), np !== null ? fmt.ms(np) : 'n/a', vs(np), vs(t.ml), vs(t.mathjs)]);
      data.push({ name: c.name, seconds: { ...t, ours, numpy: np } });
    }
  }
  const text = [
    'Solvers and factorizations, f64, one thread (ratios: peer time / our time; numpy: OpenBLAS, one thread, timed in its own process between two of our rounds)',
    table(['operation', 'ms', 'numpy ms', 'vs numpy', 'vs ml-matrix', 'vs mathjs'], rows),
  ].join('\n');
  return { text, data: { cases: data } };
}
