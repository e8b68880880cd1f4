// Householder QR: mml-wasm against ml-matrix (QrDecomposition), mathjs (qr) and numpy/scipy on
// one thread (LAPACK dgeqrf + dorgqr, dgeqp3 for pivoting, through OpenBLAS), all in one run.
//
// Each row is measured in alternating rounds (ours, the JS peers, then numpy in a subprocess that
// times the same shape inside Python), keeping each candidate's fastest round: this machine has
// seconds-long slow phases, and alternating gives every candidate the same chances.
// Ratios are peer seconds / our seconds (> 1: we are faster).
import { Matrix, qr } from '../../dist/index.js';
import { fmt, measure, optionalImport, table, warmUp } from '../harness.mjs';
import { numpyAvailable, numpySeconds, scipyAvailable } from '../numpy.mjs';

const math = await optionalImport('mathjs');
const ml = await optionalImport('ml-matrix');

/** LAPACK's flop counts: dgeqrf (m >= n) and dorgqr forming k columns from k reflectors. */
const geqrfFlops = (m, n) => (m >= n ? 2 * m * n * n - (2 * n ** 3) / 3 : 2 * n * m * m - (2 * m ** 3) / 3);
const orgqrFlops = (m, ncols, k) => 4 * m * ncols * k - 2 * (m + ncols) * k * k + (4 * k ** 3) / 3;

/** A peer call slower than this runs once per row (mathjs takes about a minute at 1000x500). */
const SLOW_SECONDS = 5;

function rowsFor(quick) {
  const [tall, sq] = quick ? [[200, 100], [100, 100]] : [[1000, 500], [500, 500]];
  const k = (m, n) => Math.min(m, n);
  return [
    { name: `${tall[0]}x${tall[1]} reduced (Q, R)`, shape: tall, mode: 'reduced', np: `np.linalg.qr(A)`, ml: 'QR', flops: geqrfFlops(...tall) + orgqrFlops(tall[0], k(...tall), k(...tall)) },
    { name: `${sq[0]}x${sq[1]} (Q, R)`, shape: sq, mode: 'reduced', np: `np.linalg.qr(A)`, ml: 'QR', mathjs: true, flops: geqrfFlops(...sq) + orgqrFlops(sq[0], sq[0], sq[0]) },
    { name: `${tall[0]}x${tall[1]} complete (Q ${tall[0]}x${tall[0]})`, shape: tall, mode: 'complete', np: `np.linalg.qr(A, mode='complete')`, mathjs: true, flops: geqrfFlops(...tall) + orgqrFlops(tall[0], tall[0], k(...tall)) },
    { name: `${tall[0]}x${tall[1]} R only`, shape: tall, mode: 'r', np: `np.linalg.qr(A, mode='r')`, ml: 'R', flops: geqrfFlops(...tall) },
    { name: `${sq[0]}x${sq[1]} pivoted (Q, R, perm)`, shape: sq, mode: 'reduced', pivoting: true, scipy: `scipy.linalg.qr(A, mode='economic', pivoting=True)`, flops: geqrfFlops(...sq) + orgqrFlops(sq[0], sq[0], sq[0]) },
    { name: `${tall[0]}x${tall[1]} pivoted R only`, shape: tall, mode: 'r', pivoting: true, scipy: `scipy.linalg.qr(A, mode='r', pivoting=True)`, unpivoted: true, flops: geqrfFlops(...tall) },
  ];
}

export async function run({ quick }) {
  const haveNumpy = numpyAvailable();
  const haveScipy = haveNumpy && scipyAvailable();
  const rounds = quick ? 1 : 5;
  const out = [];
  const data = [];
  for (const row of rowsFor(quick)) {
    const [m, n] = row.shape;
    const A = Matrix.random(m, n, { seed: 1 });
    const a2 = A.toArray();
    const candidates = { ours: () => qr(A, { mode: row.mode, pivoting: row.pivoting ?? false }) };
    if (row.unpivoted) candidates.unpivoted = () => qr(A, { mode: row.mode });
    if (ml && row.ml) {
      const mlA = new ml.Matrix(a2);
      candidates['ml-matrix'] = row.ml === 'QR'
        ? () => { const d = new ml.QrDecomposition(mlA); return [d.orthogonalMatrix, d.upperTriangularMatrix]; }
        : () => new ml.QrDecomposition(mlA).upperTriangularMatrix;
    }
    // mathjs.qr always forms the complete Q (m x m): compared with our complete mode.
    if (math && row.mathjs) {
      const mA = math.matrix(a2);
      candidates.mathjs = () => math.qr(mA);
    }
    for (const [name, fn] of Object.entries(candidates)) warmUp(fn, name === 'ours' || name === 'unpivoted' ? 5 : name === 'mathjs' ? 0 : 1);
    const py = row.np && haveNumpy ? row.np : row.scipy && haveScipy ? row.scipy : null;
    const setup = `${row.scipy ? 'import scipy.linalg\n' : ''}A = np.random.default_rng(1).random((${m}, ${n}))`;
    const best = {};
    const keep = (name, s) => {
      if (s != null && !(best[name] <= s)) best[name] = s;
    };
    const count = {};
    for (let round = 0; round < rounds; round++) {
      for (const [name, fn] of Object.entries(candidates)) {
        // Peers slower than a second per call get two rounds (they are 40x and more behind);
        // one call of mathjs is enough (about a minute at 1000x500).
        if (best[name] > SLOW_SECONDS || (best[name] > 1 && count[name] >= 2)) continue;
        if (name === 'mathjs' && best[name] !== undefined) continue;
        count[name] = (count[name] ?? 0) + 1;
        if (name === 'mathjs') {
          const t = performance.now();
          fn();
          keep(name, (performance.now() - t) / 1e3);
        } else {
          keep(name, measure(name, fn, { quick, short: true }).seconds);
        }
      }
      if (py) keep('numpy', numpySeconds(setup, { qr: py }, { repeat: quick ? 2 : 5 })?.qr);
    }
    const ours = best.ours;
    const versus = (peer) => (best[peer] ? fmt.ratio(best[peer] / ours) : 'n/a');
    out.push([
      row.name,
      fmt.ms(ours),
      fmt.gflops(row.flops, ours),
      py ? versus('numpy') + (row.scipy ? ' (scipy)' : '') : 'n/a',
      versus('ml-matrix'),
      versus('mathjs'),
      row.unpivoted ? `unpivoted ${fmt.ms(best.unpivoted)} ms` : '',
    ]);
    data.push({ row: row.name, m, n, mode: row.mode, pivoting: row.pivoting ?? false, seconds: best, gflops: row.flops / ours / 1e9 });
  }
  const text = [
    'Householder QR, f64, one thread (ratios: peer time / our time from the same alternating rounds; ' +
      'GFLOP/s by LAPACK flop counts; numpy/scipy: OpenBLAS, OPENBLAS_NUM_THREADS=1; mathjs always forms the complete Q)',
    table(['case', 'ms', 'GFLOP/s', 'vs numpy', 'vs ml-matrix', 'vs mathjs', 'note'], out),
  ].join('\n');
  return { text, data: { numpy: haveNumpy, scipy: haveScipy, rows: data } };
}
