// Singular value decomposition: mml-wasm against numpy one thread (np.linalg.svd: LAPACK dgesdd
// through OpenBLAS) and ml-matrix (SingularValueDecomposition, the JAMA algorithm), in one run.
//
// Each row is measured in alternating rounds (ours, ml-matrix, then numpy in a subprocess that
// times the same shape inside Python), keeping each candidate's fastest round: this machine has
// seconds-long slow phases, and alternating gives every candidate the same chances. ml-matrix
// takes about 14 s for a 2000x784 SVD: it runs once per row.
// Ratios are peer seconds / our seconds (> 1: we are faster).
import { Matrix, svd, svdvals } from '../../dist/index.js';
import { svdTuning } from '../../dist/core/kernels/svd.js';
import { fmt, measure, optionalImport, table, warmUp } from '../harness.mjs';
import { numpyAvailable, numpySeconds } from '../numpy.mjs';

const ml = await optionalImport('ml-matrix');

/** A peer call slower than this runs once per row. */
const SLOW_SECONDS = 2;

function rowsFor(quick) {
  const [pca, sq] = quick ? [[400, 160], [120, 120]] : [[2000, 784], [500, 500]];
  return [
    { name: `${pca[0]}x${pca[1]} svd (thin U, S, Vt)`, shape: pca, ours: (A) => svd(A), np: 'np.linalg.svd(A, full_matrices=False)', ml: { autoTranspose: true }, qr: true },
    { name: `${pca[0]}x${pca[1]} svdvals (S only)`, shape: pca, ours: (A) => svdvals(A), np: 'np.linalg.svd(A, compute_uv=False)', ml: { autoTranspose: true, computeLeftSingularVectors: false, computeRightSingularVectors: false } },
    { name: `${sq[0]}x${sq[1]} svd`, shape: sq, ours: (A) => svd(A), np: 'np.linalg.svd(A, full_matrices=False)', ml: { autoTranspose: true } },
    { name: `${sq[0]}x${sq[1]} svdvals`, shape: sq, ours: (A) => svdvals(A), np: 'np.linalg.svd(A, compute_uv=False)', ml: { autoTranspose: true, computeLeftSingularVectors: false, computeRightSingularVectors: false } },
    { name: `${pca[1]}x${pca[0]} svd (wide)`, shape: [pca[1], pca[0]], ours: (A) => svd(A), np: 'np.linalg.svd(A, full_matrices=False)' },
  ];
}

/** Runs fn with the bidiagonal solver set to 'dc' or 'qr', restoring the previous one. */
function withSolver(solver, fn) {
  const previous = svdTuning({ solver });
  try {
    return fn();
  } finally {
    svdTuning(previous);
  }
}

export async function run({ quick }) {
  const haveNumpy = numpyAvailable();
  const rounds = quick ? 1 : 4;
  const out = [];
  const data = [];
  for (const row of rowsFor(quick)) {
    const [m, n] = row.shape;
    const A = Matrix.random(m, n, { seed: 1 });
    const candidates = { ours: () => row.ours(A) };
    // the previous bidiagonal solver (implicit QR, dbdsqr, rotations on the vectors) for comparison
    if (row.qr) candidates.qr = () => withSolver('qr', () => row.ours(A));
    if (ml && row.ml) {
      const mlA = new ml.Matrix(A.toArray());
      candidates['ml-matrix'] = () => new ml.SingularValueDecomposition(mlA, row.ml).diagonal;
    }
    warmUp(candidates.ours, quick ? 2 : 4);
    const setup = `A = np.random.default_rng(1).random((${m}, ${n}))`;
    const best = {};
    const keep = (name, s) => {
      if (s != null && !(best[name] <= s)) best[name] = s;
    };
    for (let round = 0; round < rounds; round++) {
      for (const [name, fn] of Object.entries(candidates)) {
        if (name !== 'ours' && best[name] > SLOW_SECONDS) continue;
        if (name !== 'ours' && best[name] === undefined) {
          const t = performance.now();
          fn();
          const s = (performance.now() - t) / 1e3;
          keep(name, s);
          if (s > SLOW_SECONDS) continue;
        }
        keep(name, measure(name, fn, { quick, short: true }).seconds);
      }
      if (haveNumpy) keep('numpy', numpySeconds(setup, { svd: row.np }, { repeat: quick ? 2 : 4 })?.svd);
    }
    const ours = best.ours;
    const versus = (peer) => (best[peer] ? fmt.ratio(best[peer] / ours) : 'n/a');
    out.push([
      row.name, fmt.ms(ours), best.numpy ? fmt.ms(best.numpy) : 'n/a', versus('numpy'), best['ml-matrix'] ? fmt.ms(best['ml-matrix']) : 'n/a', versus('ml-matrix'),
      row.qr ? `implicit QR instead of divide and conquer: ${fmt.ms(best.qr)} ms` : '',
    ]);
    data.push({ row: row.name, m, n, seconds: best });
  }
  const text = [
    'SVD, f64, one thread (ratios: peer time / our time from the same alternating rounds; ' +
      'numpy: np.linalg.svd = LAPACK dgesdd through OpenBLAS, OPENBLAS_NUM_THREADS=1; ml-matrix: SingularValueDecomposition)',
    table(['case', 'ours ms', 'numpy ms', 'vs numpy', 'ml-matrix ms', 'vs ml-matrix', 'note'], out),
  ].join('\n');
  return { text, data: { numpy: haveNumpy, rows: data } };
}
