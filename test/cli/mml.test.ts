// The built `mml` command (dist/cli/main.js), run as a user runs it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function mml(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 110_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mml', () => {
  it('--help lists the commands and assignments', () => {
    const r = mml('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mml reproduce \[name \.\.\.\] \[--out DIR\] \[--json\] \[--quick\]/);
    expect(r.stdout).toContain('la-3-reflecting-bear');
  });

  it('an unknown command, option or assignment is one line on stderr and exit code 2', () => {
    for (const [args, message] of [
      [['frobnicate'], "mml: unknown command 'frobnicate' (try: mml --help)"],
      [['reproduce', 'la-9'], "mml: unknown assignment 'la-9'"],
      [['reproduce', '--colour'], "mml: unknown option '--colour'"],
      [['reproduce', 'la'], "mml: 'la' is ambiguous"],
      [['reproduce', '--out'], 'mml: --out needs a value'],
    ] as const) {
      const r = mml(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
  });

  it('reproduce --json gives the reports with their numbers', () => {
    const r = mml('reproduce', 'la-1', 'la-2', '--json', '--out', mkdtempSync(join(tmpdir(), 'mml-cli-')));
    expect(r.code).toBe(0);
    const reports = JSON.parse(r.stdout);
    expect(reports.map((x: { name: string }) => x.name)).toEqual(['la-1-special-matrices', 'la-2-gram-schmidt']);
    expect(reports[0].numbers.detB).toBeCloseTo(-4, 12);
    expect(reports[1].numbers.dimensionsA).toBeCloseTo(3, 12);
  });

  // --quick: the MNIST assignments take tens of seconds in full (.ci/run runs the full set).
  it('reproduce with no name runs every assignment, prints a summary and writes figures', () => {
    const out = mkdtempSync(join(tmpdir(), 'mml-cli-'));
    const r = mml('reproduce', '--quick', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/== LA-1 Identifying special matrices/);
    expect(r.stdout).toMatch(/\| name +\| title +\| headline numbers +\| figures \| seconds \|/);
    expect(r.stdout).toMatch(/\| la-3-reflecting-bear +\| LA-3 Reflecting Bear +\| detT=-1/);
    expect(existsSync(join(out, 'la-3-reflecting-bear.mirror.svg'))).toBe(true);
    expect(r.stdout).toMatch(/\| pca-4-pca-mnist +\| PCA-4 PCA on MNIST +\| smallestKMseBelow10=\d+/);
    expect(existsSync(join(out, 'pca-4-pca-mnist.eigen-digits.png'))).toBe(true);
  }, 120_000);

  it('info names the version and SIMD', () => {
    const r = mml('info');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mml-wasm \d+\.\d+\.\d+/);
    expect(r.stdout).toMatch(/simd +yes/);
  });
});
