import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { engineInfo, init, matmul, Matrix } from '../../src/index.js';
import { engineReady } from '../../src/core/engine.js';
import { VERSION } from '../../src/core/version.js';

const root = new URL('../../', import.meta.url);

describe('engine', () => {
  it('works in Node without init(), and init() afterwards is a no-op', async () => {
    const A = Matrix.random(20, 20, { seed: 1 });
    const before = matmul(A, A);
    expect(engineReady()).toBe(true);
    await init();
    await init({ wasm: readFileSync(new URL('build/release.wasm', root)) });
    expect(matmul(A, A).equals(before)).toBe(true);
  });

  it('reports its facts; memory grows for a large product and is kept', () => {
    const info = engineInfo();
    expect(info.version).toBe(VERSION);
    expect(info.simd).toBe(true);
    expect(info.threads).toBe(1);
    const A = Matrix.random(700, 700, { seed: 2 });
    matmul(A, A);
    const grown = engineInfo().memoryBytes;
    expect(grown).toBeGreaterThanOrEqual(3 * 700 * 700 * 8);
    matmul(Matrix.random(10, 10, { seed: 3 }), Matrix.random(10, 10, { seed: 4 }));
    expect(engineInfo().memoryBytes).toBe(grown);
  });

  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});

describe('release build', () => {
  const wat = readFileSync(new URL('build/release.wat', root), 'utf8');

  it('has f64x2 multiply-adds inside the loop of the gemm micro-kernel', () => {
    // The function that holds the micro-kernel loop (inlined or not): its innermost loop must be SIMD.
    const funcs = wat.split(/\n \(func /).filter((f) => /^\$assembly\/blas\/(microkernel|gemm)\//.test(f));
    const loops = funcs.flatMap((f) => f.split(/\bloop \$/).slice(1));
    const simdLoops = loops.filter((l) => /f64x2\.mul/.test(l) && /f64x2\.add/.test(l) && /v128\.load/.test(l));
    expect(simdLoops.length).toBeGreaterThan(0);
  });

  it('is built without assertions (no abort calls) in release', () => {
    expect(wat).not.toMatch(/call \$~lib\/builtins\/abort/);
  });

  it('exports what the TypeScript side expects', async () => {
    const bytes = readFileSync(new URL('build/release.wasm', root));
    const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['memory', 'heapBase', 'dgemm', 'dgemmWorkBytes']));
  });
});
