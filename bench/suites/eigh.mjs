// The symmetric eigenproblem: eigh (values and vectors) and eigvalsh (values only) against numpy
// on one thread (np.linalg.eigh / eigvalsh: LAPACK dsyevd through OpenBLAS) and ml-matrix
// (EigenvalueDecomposition with assumeSymmetric: JAMA's tred2 + tql2), in one run.
//
// The matrices are PCA's: the covariance XᵀX / (m - 1) of an m x n normal data matrix (m = 1000
// for n = 784, the MNIST case; m = 2n otherwise). numpy reads the very same matrix (written to a
// temporary file), so both sides meet the same spectrum and the same deflation.
//
// Each row is measured in alternating rounds (ours, the JS peer, then numpy in a subprocess that
// times the statement inside Python), keeping each candidate's fastest round: this machine has
// seconds-long slow phases, and alternating gives every candidate the same chances. Ratios are
// peer seconds / our seconds from those rounds (> 1: we are faster).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eigh, eigvalsh, gram, Matrix } from '../../dist/index.js';
import { eighWith } from '../../dist/linalg/eigh.js';
import { alternatingRounds, fmt, optionalImport, table, warmUp } from '../harness.mjs';
import { numpyAvailable, numpySeconds } from '../numpy.mjs';

const ml = await optionalImport('ml-matrix');

/** A peer call slower than this gets at most two rounds (ml-matrix takes seconds at n = 784). */
const SLOW_SECONDS = 1;

function covariance(n) {
  const m = n === 784 ? 1000 : 2 * n;
  const X = Matrix.random(m, n, { seed: 1, distribution: 'normal' });
  return gram(X).scale(1 / (m - 1));
}

function rowsFor(quick) {
  const sizes = quick ? [64, 128] : [200, 500, 784];
  const big = sizes[sizes.length - 1];
  const rows = [];
  for (const n of sizes) {
    rows.push({ name: `eigh ${n}x${n}`, n, vectors: true, ql: n === big });
    rows.push({ name: `eigvalsh ${n}x${n}`, n, vectors: false });
  }
  return rows;
}

export async function run({ quick }) {
  const haveNumpy = numpyAvailable();
  const rounds = quick ? 1 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'mml-bench-eigh-'));
  const out = [];
  const data = [];
  try {
    const matrices = new Map();
    for (const row of rowsFor(quick)) {
      const { n } = row;
      if (!matrices.has(n)) {
        const A = covariance(n);
        const file = join(dir, `a${n}.f64`);
        writeFileSync(file, new Uint8Array(A.data.buffer, A.data.byteOffset, A.data.byteLength));
        matrices.set(n, { A, file });
      }
      const { A, file } = matrices.get(n);
      const candidates = { ours: row.vectors ? () => eigh(A) : () => eigvalsh(A) };
      if (row.ql) candidates.ql = () => eighWith('eigh', A, undefined, 'ql');
      if (ml) {
        const mlA = new ml.Matrix(A.toArray());
        candidates['ml-matrix'] = row.vectors
          ? () => { const e = new ml.EigenvalueDecomposition(mlA, { assumeSymmetric: true }); return [e.realEigenvalues, e.eigenvectorMatrix]; }
          : () => new ml.EigenvalueDecomposition(mlA, { assumeSymmetric: true }).realEigenvalues;
      }
      for (const [name, fn] of Object.entries(candidates)) warmUp(fn, name === 'ml-matrix' ? 1 : 5);
      const setup = `A = np.fromfile(${JSON.stringify(file)}, dtype='<f8').reshape(${n}, ${n})`;
      const statement = row.vectors ? 'np.linalg.eigh(A)' : 'np.linalg.eigvalsh(A)';
      const best = alternatingRounds(candidates, {
        rounds,
        quick,
        slowSeconds: SLOW_SECONDS,
        extra: haveNumpy ? () => ({ numpy: numpySeconds(setup, { t: statement }, { repeat: quick ? 2 : 7 })?.t }) : null,
      });
      const ours = best.ours;
      const versus = (peer) => (best[peer] ? fmt.ratio(best[peer] / ours) : 'n/a');
      out.push([
        row.name,
        fmt.ms(ours),
        best.numpy ? fmt.ms(best.numpy) : 'n/a',
        versus('numpy'),
        best['ml-matrix'] ? fmt.ms(best['ml-matrix']) : 'n/a',
        versus('ml-matrix'),
        row.ql ? `QL/QR instead of divide and conquer: ${fmt.ms(best.ql)} ms` : '',
      ]);
      data.push({ row: row.name, n, vectors: row.vectors, seconds: best });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = [
    'Symmetric eigenproblem, f64, one thread, PCA covariance matrices (ratios: peer time / our time from the same alternating rounds; ' +
      'numpy: np.linalg.eigh/eigvalsh = LAPACK dsyevd, OpenBLAS, OPENBLAS_NUM_THREADS=1; ml-matrix: EigenvalueDecomposition, assumeSymmetric)',
    table(['case', 'ms', 'numpy ms', 'vs numpy', 'ml-matrix ms', 'vs ml-matrix', 'note'], out),
  ].join('\n');
  return { text, data: { numpy: haveNumpy, rows: data } };
}
