// The general (nonsymmetric) real eigenproblem: eig (values and vectors) and eigvals (values
// only) against numpy on one thread (np.linalg.eig / eigvals: LAPACK dgeev through OpenBLAS) and
// ml-matrix (EigenvalueDecomposition: JAMA's orthes + hqr2, values and vectors always), in one run.
//
// The matrices are seeded random normal n x n (nonsymmetric: about sqrt(2n/pi) real eigenvalues,
// the rest complex pairs). numpy reads the very same matrix (written to a temporary file), so
// every candidate meets the same spectrum and the same deflation.
//
// Each row is measured in alternating rounds (ours, the JS peer, then numpy in a subprocess that
// times the statement inside Python), keeping each candidate's fastest round: this machine has
// seconds-long slow phases, and alternating gives every candidate the same chances. Ratios are
// peer seconds / our seconds from those rounds (> 1: we are faster).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eig, eigvals, Matrix } from '../../dist/index.js';
import { alternatingRounds, fmt, optionalImport, table, warmUp } from '../harness.mjs';
import { numpyAvailable, numpySeconds } from '../numpy.mjs';

const ml = await optionalImport('ml-matrix');

/**
 * A peer call slower than this gets at most two rounds. ml-matrix takes about 0.4-1 s at n = 300:
 * below this, so it gets as many rounds as ours (keeping the fastest of 2 rounds against the
 * fastest of 7 would favour us on this noisy machine).
 */
const SLOW_SECONDS = 5;

function rowsFor(quick) {
  const sizes = quick ? [32, 64] : [100, 300];
  const rows = [];
  for (const n of sizes) {
    rows.push({ name: `eig ${n}x${n}`, n, vectors: true });
    rows.push({ name: `eigvals ${n}x${n}`, n, vectors: false });
  }
  return rows;
}

export async function run({ quick }) {
  const haveNumpy = numpyAvailable();
  const rounds = quick ? 1 : 7;
  const dir = mkdtempSync(join(tmpdir(), 'mml-bench-eig-'));
  const out = [];
  const data = [];
  try {
    const matrices = new Map();
    for (const row of rowsFor(quick)) {
      const { n } = row;
      if (!matrices.has(n)) {
        const A = Matrix.random(n, n, { seed: 1, distribution: 'normal' });
        const file = join(dir, `a${n}.f64`);
        writeFileSync(file, new Uint8Array(A.data.buffer, A.data.byteOffset, A.data.byteLength));
        matrices.set(n, { A, file, mlA: ml ? new ml.Matrix(A.toArray()) : null });
      }
      const { A, file, mlA } = matrices.get(n);
      const candidates = { ours: row.vectors ? () => eig(A) : () => eigvals(A) };
      if (ml) {
        // ml-matrix has no values-only path: both rows time the full decomposition
        candidates['ml-matrix'] = row.vectors
          ? () => { const e = new ml.EigenvalueDecomposition(mlA); return [e.realEigenvalues, e.imaginaryEigenvalues, e.eigenvectorMatrix]; }
          : () => { const e = new ml.EigenvalueDecomposition(mlA); return [e.realEigenvalues, e.imaginaryEigenvalues]; };
      }
      for (const [name, fn] of Object.entries(candidates)) warmUp(fn, name === 'ml-matrix' ? 1 : 5);
      const setup = `A = np.fromfile(${JSON.stringify(file)}, dtype='<f8').reshape(${n}, ${n})`;
      const statement = row.vectors ? 'np.linalg.eig(A)' : 'np.linalg.eigvals(A)';
      const best = alternatingRounds(candidates, {
        rounds,
        quick,
        slowSeconds: SLOW_SECONDS,
        extra: haveNumpy ? () => ({ numpy: numpySeconds(setup, { t: statement }, { repeat: quick ? 2 : 7 })?.t }) : null,
      });
      const ours = best.ours;
      const ratio = (x) => (x ? fmt.ratio(x) : 'n/a');
      out.push([
        row.name,
        fmt.ms(ours),
        best.numpy ? fmt.ms(best.numpy) : 'n/a',
        ratio(best.numpy && ours / best.numpy),
        best['ml-matrix'] ? fmt.ms(best['ml-matrix']) : 'n/a',
        ratio(best['ml-matrix'] && best['ml-matrix'] / ours),
      ]);
      data.push({ row: row.name, n, vectors: row.vectors, seconds: best, oursOverNumpy: best.numpy ? ours / best.numpy : null, mlMatrixOverOurs: best['ml-matrix'] ? best['ml-matrix'] / ours : null });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = [
    'General real eigenproblem, f64, one thread, seeded random normal matrices (same alternating rounds; ' +
      'numpy: np.linalg.eig/eigvals = LAPACK dgeev, OpenBLAS, OPENBLAS_NUM_THREADS=1; ml-matrix: EigenvalueDecomposition = JAMA orthes + hqr2, always with vectors). ' +
      '"ours / numpy": our time over numpy\'s (< 1: we are faster); "ml-matrix / ours": its time over ours (> 1: we are faster)',
    table(['case', 'ms', 'numpy ms', 'ours / numpy', 'ml-matrix ms', 'ml-matrix / ours'], out),
  ].join('\n');
  return { text, data: { numpy: haveNumpy, rows: data } };
}
