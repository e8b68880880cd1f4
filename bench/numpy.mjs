// numpy (Debian's /usr/bin/python3 with OpenBLAS) as a benchmark peer, one thread.
//
// The timing runs inside Python (best of several calls, time.perf_counter), so the subprocess's
// start-up is not measured. The environment pins OpenBLAS to one thread and removes
// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which some containers set to values that make OpenBLAS
// pick a slower kernel than the CPU supports: numpy gets the kernels it would pick by itself.
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/** The environment numpy runs in: one thread, OpenBLAS free to detect the CPU. */
export function numpyEnv() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

let available;

/** Whether `/usr/bin/python3 -c "import numpy"` works (checked once). */
export function numpyAvailable() {
  if (available === undefined) {
    const r = spawnSync(PYTHON, ['-c', 'import numpy'], { env: numpyEnv(), stdio: 'ignore', timeout: 30_000 });
    available = r.status === 0;
  }
  return available;
}

/**
 * Seconds per call of each Python statement, best of `repeat` calls after one warm-up call, all
 * timed in one Python process: `setup` runs first (numpy is imported as np), then each statement
 * of `statements` ({ name: 'np.linalg.qr(A)' }). Returns { name: seconds }, or null when numpy
 * is unavailable or the script fails (a statement that raises gives null for that name).
 */
export function numpySeconds(setup, statements, { repeat = 5, timeoutMs = 300_000 } = {}) {
  if (!numpyAvailable()) return null;
  const script = [
    'import json, time, sys',
    'import numpy as np',
    setup,
    'def _best(stmt, repeat):',
    '    try:',
    '        code = compile(stmt, "<bench>", "exec")',
    '        exec(code, globals())',
    '    except Exception as e:',
    '        print(repr(e), file=sys.stderr)',
    '        return None',
    '    best = float("inf")',
    '    for _ in range(repeat):',
    '        t = time.perf_counter()',
    '        exec(code, globals())',
    '        best = min(best, time.perf_counter() - t)',
    '    return best',
    `_stmts = json.loads(${JSON.stringify(JSON.stringify(statements))})`,
    `print(json.dumps({k: _best(v, ${Number(repeat)}) for k, v in _stmts.items()}))`,
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', script], { env: numpyEnv(), encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.status !== 0) return null;
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return null;
  }
}

/** Whether scipy imports too (for peers numpy lacks, such as QR with column pivoting). */
export function scipyAvailable() {
  if (!numpyAvailable()) return false;
  return spawnSync(PYTHON, ['-c', 'import scipy.linalg'], { env: numpyEnv(), stdio: 'ignore', timeout: 30_000 }).status === 0;
}
