// The engine in headless Chromium (Debian's chromium driven by playwright-core): it loads from
// plain ES modules and from the esbuild-bundled demo, in a page and in a Web Worker, and computes
// bit-for-bit the numbers it computes in Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { gram, matmul, Matrix } from '../../src/index.js';
import { startServer } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';

let browser: Browser;
let server: Server;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does)`);
  ({ server, url: base } = await startServer());
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('browser', () => {
  it('loads the engine from plain ES modules, in a page and a worker, with the same numbers as Node', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/test/browser/esm.html`);
    await page.waitForFunction(() => (window as any).__result || (window as any).__error, null, { timeout: 20_000 });
    const error = await page.evaluate(() => (window as any).__error);
    expect(error).toBeUndefined();
    const result = await page.evaluate(() => (window as any).__result);
    expect(errors).toEqual([]);

    const A = Matrix.random(97, 131, { seed: 1, distribution: 'normal' });
    const B = Matrix.random(131, 53, { seed: 2, distribution: 'normal' });
    expect(result.c).toEqual(Array.from(matmul(A, B).data));
    expect(result.info.simd).toBe(true);
    expect(result.shapeError).toMatch(/^matmul: inner dimensions differ/);

    const W = Matrix.random(300, 300, { seed: 3 });
    const C = matmul(W, W);
    expect(result.fromWorker).toEqual({ sum: C.sum(), corner: C.get(299, 299) });
    await page.close();
  });

  it('runs the thread pool on a cross-origin isolated page (main thread spins, workers block)', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/test/browser/threads.html`);
    await page.waitForFunction(() => (window as any).__result || (window as any).__error, null, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as any).__error)).toBeUndefined();
    const result = await page.evaluate(() => (window as any).__result);
    expect(result.isolated).toBe(true);
    expect(result.threads).toBe(2);
    expect(result.after).toBe(1);
    const A = Matrix.random(300, 280, { seed: 4, distribution: 'normal' });
    const B = Matrix.random(280, 310, { seed: 5, distribution: 'normal' });
    expect(result.c).toEqual(Array.from(matmul(A, B).data));
    expect(result.g).toEqual(Array.from(gram(A).data));
    await page.close();
  });

  it('runs the esbuild-bundled demo page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/web/index.html`);
    await page.waitForSelector('body[data-ready="true"][data-matmul-sum]', { timeout: 20_000 });
    const sum = await page.evaluate(() => Number(document.body.dataset.matmulSum));
    const n = 256;
    expect(sum).toBe(matmul(Matrix.random(n, n, { seed: 1 }), Matrix.random(n, n, { seed: 2 })).sum());
    expect(await page.textContent('#gs-out')).toContain('dimension of the span: 4');
    await page.close();
  });
});
