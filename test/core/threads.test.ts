// The worker pool: same numbers as one thread, bit for bit; errors on workers are typed; a shut
// down pool falls back to one thread.
import { afterAll, describe, expect, it } from 'vitest';
import { EngineError, engineInfo, gram, matmul, Matrix, setThreads } from '../../src/index.js';
import { engine } from '../../src/core/engine.js';
import { THREAD_MIN_MULADDS } from '../../src/core/kernels/gemm.js';
import { errorOf } from '../helpers.js';

const cases: [number, number, number, boolean, boolean][] = [
  [300, 200, 301, false, false], // split by rows
  [97, 500, 400, true, false], // wide: split by columns, transposed A
  [260, 300, 120, false, true],
  [1, 16000, 600, false, false], // one row: column split
];

afterAll(async () => {
  await setThreads(1);
});

describe('thread pool', () => {
  it('gives bit-for-bit the single-thread results', async () => {
    const inputs = cases.map(([m, k, n, tA, tB], i) => {
      const A = Matrix.random(tA ? k : m, tA ? m : k, { seed: i, distribution: 'normal' });
      const B = Matrix.random(tB ? n : k, tB ? k : n, { seed: i + 50, distribution: 'normal' });
      expect(m * n * k).toBeGreaterThanOrEqual(THREAD_MIN_MULADDS);
      return { A, B, tA, tB };
    });
    const X = Matrix.random(3000, 300, { seed: 9 });
    await setThreads(1);
    const single = inputs.map(({ A, B, tA, tB }) => matmul(A, B, { transA: tA, transB: tB }));
    const single32 = inputs.map(({ A, B, tA, tB }) => matmul(A, B, { transA: tA, transB: tB, dtype: 'float32' }));
    const singleGram = gram(X);
    expect(await setThreads(2)).toBe(2);
    expect(engineInfo().threads).toBe(2);
    inputs.forEach(({ A, B, tA, tB }, i) => {
      expect(matmul(A, B, { transA: tA, transB: tB }).equals(single[i])).toBe(true);
      expect(matmul(A, B, { transA: tA, transB: tB, dtype: 'float32' }).equals(single32[i])).toBe(true);
    });
    expect(gram(X).equals(singleGram)).toBe(true);
  });

  it('turns a trap on a worker into EngineError and keeps working', async () => {
    await setThreads(2);
    const pool = engine().pool!;
    const e = errorOf(() => pool.run('test', [{ fn: 'dgemm', args: [0, 0, 64, 64, 64, 1, 0xfff00000, 64, 0, 64, 0, 0, 64, 0] }], () => {}));
    expect(e).toBeInstanceOf(EngineError);
    expect(e.message).toBe('test: engine fault on a worker thread');
    const A = Matrix.random(200, 200, { seed: 1 });
    expect(matmul(A, A).equals(matmul(A.clone(), A.clone()))).toBe(true);
    expect(engineInfo().threads).toBe(2);
  });

  it('falls back to one thread after a shutdown, and restarts on request', async () => {
    await setThreads(2);
    const A = Matrix.random(256, 256, { seed: 2 });
    const before = matmul(A, A);
    engine().pool!.shutdown();
    expect(engineInfo().threads).toBe(1);
    expect(matmul(A, A).equals(before)).toBe(true);
    expect(await setThreads(2)).toBe(2);
    expect(matmul(A, A).equals(before)).toBe(true);
  });

  it('rejects a bad thread count', async () => {
    await expect(setThreads(0)).rejects.toThrow(RangeError);
    await expect(setThreads(2.5)).rejects.toThrow(RangeError);
    expect(await setThreads(1)).toBe(1);
    expect(engineInfo().threads).toBe(1);
  });
});

describe('gram work split', () => {
  it('covers every block column once, in contiguous ranges of about equal work', async () => {
    const { balancedRanges } = await import('../../src/core/kernels/syrk.js');
    for (let blocks = 1; blocks <= 40; blocks++) {
      for (let parts = 1; parts <= 4; parts++) {
        const ranges = balancedRanges(blocks, parts);
        expect(ranges[0][0]).toBe(0);
        expect(ranges[ranges.length - 1][1]).toBe(blocks);
        ranges.forEach(([a, b], i) => {
          expect(b).toBeGreaterThan(a);
          if (i > 0) expect(a).toBe(ranges[i - 1][1]);
        });
        if (blocks >= 4 * parts) {
          const work = ranges.map(([a, b]) => ((a + 1 + b) * (b - a)) / 2);
          expect(Math.max(...work) / Math.min(...work)).toBeLessThan(1.6);
        }
      }
    }
  });
});
