// numpy as a reference column: Debian's /usr/bin/python3 with python3-numpy, one OpenBLAS thread,
// with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (they force slower
// kernels on this machine). Returns null when numpy is unavailable, so the column is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYTHON = '/usr/bin/python3';

function pythonEnv() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

let available;

/** Whether numpy (and scipy, when asked) can be imported by Debian's python3. */
export function numpyAvailable(withScipy = false) {
  if (!existsSync(PYTHON)) return false;
  available ??= spawnSync(PYTHON, ['-c', 'import numpy'], { env: pythonEnv() }).status === 0;
  if (!withScipy) return available;
  return available && spawnSync(PYTHON, ['-c', 'import scipy.linalg'], { env: pythonEnv() }).status === 0;
}

/**
 * Best seconds per call of `stmt` after `setup` (Python source; numpy is `np`, scipy.linalg is
 * `sl` when available), over `repeat` timed calls after one warm-up call. null without numpy.
 */
export function numpySeconds(setup, stmt, { repeat = 5 } = {}) {
  if (!numpyAvailable()) return null;
  const program = [
    'import time, numpy as np',
    'try:\n    import scipy.linalg as sl\nexcept ImportError:\n    sl = None',
    setup,
    `def run():\n    ${stmt}`,
    'run()',
    'best = 1e9',
    `for _ in range(${repeat}):\n    t = time.perf_counter(); run(); best = min(best, time.perf_counter() - t)`,
    'print(best)',
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', program], { env: pythonEnv(), encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`numpy reference failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}
