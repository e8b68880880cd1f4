// reproduce-style module 'mnist-mlp' (not yet in the registry: run() is called directly): the quick
// run trains 2 epochs of the 784-128-10 MLP on 8,000 digits and reports on the other 2,000.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NAME, QUICK_EPOCHS, permutation, run } from '../../src/assignments/mnist-mlp.js';

describe('mnist-mlp', () => {
  it('permutation is a seeded permutation', () => {
    const p = permutation(1000, 42);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(permutation(1000, 42))).toEqual(Array.from(p));
    expect(Array.from(permutation(1000, 43))).not.toEqual(Array.from(p));
  });

  it('quick run: learns (test accuracy > 90%), per-epoch numbers, confusion counts, curve figure', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mml-mnist-mlp-'));
    const lines: string[] = [];
    const steps: [number, number][] = [];
    const r = await run({ outDir: out, quick: true, onProgress: (done, total, l) => (steps.push([done, total]), lines.push(l)) });
    expect(r.name).toBe(NAME);
    const n = r.numbers;
    expect(n.trainSize).toBe(8000);
    expect(n.testSize).toBe(2000);
    expect(n.parameters).toBe(784 * 128 + 128 + 128 * 10 + 10);
    expect(lines).toHaveLength(QUICK_EPOCHS);
    expect(steps).toEqual(Array.from({ length: QUICK_EPOCHS }, (_, k) => [k + 1, QUICK_EPOCHS]));
    expect(n.testAccuracy as number).toBeGreaterThan(0.9);
    const loss = n.trainLossByEpoch as number[];
    expect(loss).toHaveLength(QUICK_EPOCHS);
    expect(loss[1]).toBeLessThan(loss[0]);
    const confusion = n.confusion as number[];
    expect(confusion.reduce((a, b) => a + b, 0)).toBe(2000);
    const diagonal = confusion.filter((_, t) => t % 11 === 0).reduce((a, b) => a + b, 0);
    expect(diagonal / 2000).toBeCloseTo(n.testAccuracy as number, 12);
    expect(r.figures).toHaveLength(1);
    expect(existsSync(r.figures[0])).toBe(true);
    expect(readFileSync(r.figures[0], 'utf8')).toMatch(/<svg/);
  });
});
